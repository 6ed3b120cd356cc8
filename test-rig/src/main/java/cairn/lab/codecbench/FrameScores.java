package cairn.lab.codecbench;

import java.util.Arrays;

/**
 * Collects one SSIM and PSNR score per source frame and summarises them; the 5th percentile
 * interpolates linearly between the nearest ranks (like numpy's default). Not thread-safe.
 */
public final class FrameScores {

    private double[] ssim = new double[256];
    private double[] psnr = new double[256];
    private int count;

    public void add(double ssimScore, double psnrScore) {
        if (count == ssim.length) {
            ssim = Arrays.copyOf(ssim, count * 2);
            psnr = Arrays.copyOf(psnr, count * 2);
        }
        ssim[count] = ssimScore;
        psnr[count] = psnrScore;
        count++;
    }

    public void compare(GreyImage source, GreyImage shown) {
        add(QualityMeter.ssim(source, shown), QualityMeter.psnr(source, shown));
    }

    public int count() {
        return count;
    }

    public double ssim(int frame) {
        return ssim[frame];
    }

    public QualitySummary summary() {
        if (count == 0) {
            throw new IllegalStateException("no frames were scored");
        }
        double[] sorted = Arrays.copyOf(ssim, count);
        Arrays.sort(sorted);
        return new QualitySummary(count, mean(ssim, count), percentile(sorted, 0.05), mean(psnr, count));
    }

    static double percentile(double[] sorted, double fraction) {
        double rank = fraction * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    private static double mean(double[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum / n;
    }
}
