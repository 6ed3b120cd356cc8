package cairn.lab.codecbench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Bjøntegaard delta rate: the average difference in bytes between two rate-quality curves at equal
 * quality, in percent of the reference (negative: the test curve needs fewer bytes). As in the
 * usual BD-rate, log(bytes) is interpolated as a function of quality over the range both curves
 * cover and the mean difference is exponentiated; the interpolation is piecewise cubic and
 * monotone (PCHIP, Fritsch-Carlson, as VCEG/JVET tools use), quality is SSIM in decibels
 * ({@code -10 log10(1 - SSIM)}), which spreads the values near 1 evenly.
 */
public final class BdRate {

    /** One encode: its bytes and its quality (SSIM, 0 to 1). */
    public record Point(long bytes, double ssim) {}

    private BdRate() {}

    /** BD-rate of {@code test} against {@code reference}, in %; empty if the quality ranges do not overlap. */
    public static OptionalDouble percent(List<Point> test, List<Point> reference) {
        Curve t = Curve.of(test);
        Curve r = Curve.of(reference);
        if (t == null || r == null) {
            return OptionalDouble.empty();
        }
        double lo = Math.max(t.q[0], r.q[0]);
        double hi = Math.min(t.q[t.q.length - 1], r.q[r.q.length - 1]);
        if (!(hi > lo)) {
            return OptionalDouble.empty();
        }
        int steps = 1000;
        double sum = 0;
        for (int i = 0; i <= steps; i++) {
            double q = lo + (hi - lo) * i / steps;
            double weight = i == 0 || i == steps ? 0.5 : 1;
            sum += weight * (t.logBytesAt(q) - r.logBytesAt(q));
        }
        return OptionalDouble.of((Math.exp(sum / steps) - 1) * 100);
    }

    /** The SSIM range both curves cover, as SSIM; empty if none. */
    public static double[] overlap(List<Point> test, List<Point> reference) {
        Curve t = Curve.of(test);
        Curve r = Curve.of(reference);
        if (t == null || r == null) {
            return new double[0];
        }
        double lo = Math.max(t.q[0], r.q[0]);
        double hi = Math.min(t.q[t.q.length - 1], r.q[r.q.length - 1]);
        return hi > lo ? new double[] {fromDb(lo), fromDb(hi)} : new double[0];
    }

    static double db(double ssim) {
        return -10 * Math.log10(Math.max(1e-9, 1 - ssim));
    }

    static double fromDb(double db) {
        return 1 - Math.pow(10, -db / 10);
    }

    /** log(bytes) over quality (dB), points in increasing quality; a point no better than the one below is left out. */
    private static final class Curve {
        final double[] q;
        final double[] y;
        final double[] slope;

        private Curve(double[] q, double[] y) {
            this.q = q;
            this.y = y;
            this.slope = pchipSlopes(q, y);
        }

        static Curve of(List<Point> points) {
            List<Point> sorted = new ArrayList<>(points);
            sorted.sort(Comparator.comparingDouble(Point::ssim));
            List<double[]> kept = new ArrayList<>();
            for (Point p : sorted) {
                double q = db(p.ssim());
                if (p.bytes() > 0 && (kept.isEmpty() || q > kept.get(kept.size() - 1)[0])) {
                    kept.add(new double[] {q, Math.log(p.bytes())});
                }
            }
            if (kept.size() < 2) {
                return null;
            }
            return new Curve(kept.stream().mapToDouble(k -> k[0]).toArray(), kept.stream().mapToDouble(k -> k[1]).toArray());
        }

        double logBytesAt(double x) {
            int i = 0;
            while (i < q.length - 2 && x > q[i + 1]) {
                i++;
            }
            double h = q[i + 1] - q[i];
            double t = (x - q[i]) / h;
            double h00 = (1 + 2 * t) * (1 - t) * (1 - t);
            double h10 = t * (1 - t) * (1 - t);
            double h01 = t * t * (3 - 2 * t);
            double h11 = t * t * (t - 1);
            return h00 * y[i] + h10 * h * slope[i] + h01 * y[i + 1] + h11 * h * slope[i + 1];
        }

        private static double[] pchipSlopes(double[] x, double[] y) {
            int n = x.length;
            double[] d = new double[n];
            double[] delta = new double[n - 1];
            for (int i = 0; i < n - 1; i++) {
                delta[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
            }
            if (n == 2) {
                d[0] = delta[0];
                d[1] = delta[0];
                return d;
            }
            for (int i = 1; i < n - 1; i++) {
                if (delta[i - 1] * delta[i] <= 0) {
                    d[i] = 0;
                } else {
                    double w1 = 2 * (x[i + 1] - x[i]) + (x[i] - x[i - 1]);
                    double w2 = (x[i + 1] - x[i]) + 2 * (x[i] - x[i - 1]);
                    d[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i]);
                }
            }
            d[0] = endSlope(x[1] - x[0], x[2] - x[1], delta[0], delta[1]);
            d[n - 1] = endSlope(x[n - 1] - x[n - 2], x[n - 2] - x[n - 3], delta[n - 2], delta[n - 3]);
            return d;
        }

        private static double endSlope(double h0, double h1, double d0, double d1) {
            double s = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
            if (Math.signum(s) != Math.signum(d0)) {
                return 0;
            }
            if (Math.signum(d0) != Math.signum(d1) && Math.abs(s) > Math.abs(3 * d0)) {
                return 3 * d0;
            }
            return s;
        }
    }
}
