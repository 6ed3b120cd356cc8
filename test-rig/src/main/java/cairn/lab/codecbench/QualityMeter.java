package cairn.lab.codecbench;

/**
 * Full-reference picture quality on luma. SSIM follows Wang et al. 2004 (K1 = 0.01, K2 = 0.03,
 * L = 255, population moments) over uniform 8x8 windows placed every 4 pixels, the window layout of
 * x264 and FFmpeg's {@code ssim} filter; the mean is over all windows that fit the picture. PSNR
 * uses 255 as peak and is capped at {@link #PSNR_CAP_DB} for identical pictures.
 */
public final class QualityMeter {

    public static final double PSNR_CAP_DB = 100.0;

    private static final double C1 = Math.pow(0.01 * 255, 2);
    private static final double C2 = Math.pow(0.03 * 255, 2);
    private static final int BLOCK = 4;
    private static final double WINDOW_PIXELS = 64;

    private QualityMeter() {}

    public static double ssim(GreyImage a, GreyImage b) {
        requireComparable(a, b);
        int blocksX = a.width() / BLOCK;
        int blocksY = a.height() / BLOCK;
        if (blocksX < 2 || blocksY < 2) {
            throw new IllegalArgumentException("SSIM needs at least 8x8 pixels, got " + a.width() + "x" + a.height());
        }
        BlockSums previous = new BlockSums(blocksX);
        BlockSums current = new BlockSums(blocksX);
        double total = 0;
        for (int by = 0; by < blocksY; by++) {
            current.fill(a, b, by);
            if (by > 0) {
                for (int bx = 0; bx + 1 < blocksX; bx++) {
                    total += windowSsim(previous, current, bx);
                }
            }
            BlockSums swap = previous;
            previous = current;
            current = swap;
        }
        return total / ((double) (blocksX - 1) * (blocksY - 1));
    }

    private static double windowSsim(BlockSums top, BlockSums bottom, int bx) {
        double sumA = top.a[bx] + top.a[bx + 1] + bottom.a[bx] + bottom.a[bx + 1];
        double sumB = top.b[bx] + top.b[bx + 1] + bottom.b[bx] + bottom.b[bx + 1];
        double sumSquares = top.squares[bx] + top.squares[bx + 1] + bottom.squares[bx] + bottom.squares[bx + 1];
        double sumCross = top.cross[bx] + top.cross[bx + 1] + bottom.cross[bx] + bottom.cross[bx + 1];
        double meanA = sumA / WINDOW_PIXELS;
        double meanB = sumB / WINDOW_PIXELS;
        double varianceSum = sumSquares / WINDOW_PIXELS - meanA * meanA - meanB * meanB;
        double covariance = sumCross / WINDOW_PIXELS - meanA * meanB;
        return (2 * meanA * meanB + C1) * (2 * covariance + C2)
                / ((meanA * meanA + meanB * meanB + C1) * (varianceSum + C2));
    }

    /** Per 4x4 block of one block row: sum of a, of b, of a² + b², and of a·b. */
    private static final class BlockSums {
        final int[] a;
        final int[] b;
        final int[] squares;
        final int[] cross;

        BlockSums(int blocks) {
            a = new int[blocks];
            b = new int[blocks];
            squares = new int[blocks];
            cross = new int[blocks];
        }

        void fill(GreyImage imageA, GreyImage imageB, int blockRow) {
            byte[] pa = imageA.pixels();
            byte[] pb = imageB.pixels();
            int width = imageA.width();
            for (int bx = 0; bx < a.length; bx++) {
                int sa = 0;
                int sb = 0;
                int ss = 0;
                int sc = 0;
                for (int dy = 0; dy < BLOCK; dy++) {
                    int row = (blockRow * BLOCK + dy) * width + bx * BLOCK;
                    for (int dx = 0; dx < BLOCK; dx++) {
                        int va = pa[row + dx] & 0xff;
                        int vb = pb[row + dx] & 0xff;
                        sa += va;
                        sb += vb;
                        ss += va * va + vb * vb;
                        sc += va * vb;
                    }
                }
                a[bx] = sa;
                b[bx] = sb;
                squares[bx] = ss;
                cross[bx] = sc;
            }
        }
    }

    public static double psnr(GreyImage a, GreyImage b) {
        requireComparable(a, b);
        byte[] pa = a.pixels();
        byte[] pb = b.pixels();
        long squaredError = 0;
        for (int i = 0; i < pa.length; i++) {
            int d = (pa[i] & 0xff) - (pb[i] & 0xff);
            squaredError += d * d;
        }
        if (squaredError == 0) {
            return PSNR_CAP_DB;
        }
        double mse = (double) squaredError / pa.length;
        return Math.min(PSNR_CAP_DB, 10 * Math.log10(255.0 * 255.0 / mse));
    }

    private static void requireComparable(GreyImage a, GreyImage b) {
        if (!a.sameSize(b)) {
            throw new IllegalArgumentException("cannot compare " + a.width() + "x" + a.height()
                    + " with " + b.width() + "x" + b.height());
        }
    }
}
