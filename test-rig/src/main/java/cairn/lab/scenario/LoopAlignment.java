package cairn.lab.scenario;

import cairn.lab.codecbench.GreyImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Which source frame each received frame shows, found by content, for a camera that plays a clip of {@code n} frames
 * at {@code fps} in an endless loop with an unknown phase.
 *
 * <p>Frames are compared as small thumbnails (box averages, {@value #THUMB_WIDTH}x{@value #THUMB_HEIGHT} luma) by
 * mean absolute difference. The first received frame is matched against every source frame; each later one against
 * a window of ±{@link #window} frames around where the previous match and the time between the two frames put it
 * (the camera plays in real time); every {@value #RESEARCH_SECONDS} s of stream time a search over the whole clip
 * checks the chain and takes over when it fits clearly better ({@link #reanchors}), so a camera that stalled or
 * skipped cannot drag the alignment off for long. Not thread-safe.
 */
final class LoopAlignment {

    static final int THUMB_WIDTH = 64;
    static final int THUMB_HEIGHT = 36;
    static final double RESEARCH_SECONDS = 10;
    /**
     * A whole-clip match replaces the chained one when its distance is below this share of the chained one's and at
     * least {@link #CLEARLY_BETTER_BY} grey levels lower: on a still scene every frame is about as close, and noise
     * alone must not move the alignment.
     */
    static final double CLEARLY_BETTER = 0.8;
    static final double CLEARLY_BETTER_BY = 1.0;

    private final List<int[]> source;
    private final double fps;
    private final int window;
    private final List<Double> times = new ArrayList<>();
    private final List<Integer> matches = new ArrayList<>();
    private final List<Double> distances = new ArrayList<>();
    private double lastFullSearch = Double.NEGATIVE_INFINITY;
    private int reanchors;

    /** {@code source}: thumbnails of the clip's frames in order ({@link #thumbnail}). */
    LoopAlignment(List<int[]> source, double fps) {
        if (source.isEmpty() || !(fps > 0)) {
            throw new IllegalArgumentException("a loop needs frames and a positive frame rate");
        }
        this.source = List.copyOf(source);
        this.fps = fps;
        this.window = (int) Math.max(3, Math.round(fps / 2));
    }

    /** Matches the next received frame (in presentation order) shown from {@code seconds}; returns its source index. */
    int add(double seconds, int[] thumb) {
        int n = source.size();
        int best;
        double bestDistance;
        if (matches.isEmpty()) {
            best = searchAll(thumb);
            bestDistance = distance(thumb, source.get(best));
            lastFullSearch = seconds;
        } else {
            int previous = matches.get(matches.size() - 1);
            long step = Math.round((seconds - times.get(times.size() - 1)) * fps);
            int predicted = Math.floorMod(previous + step, n);
            best = predicted;
            bestDistance = Double.MAX_VALUE;
            for (int d = -window; d <= window; d++) {
                int i = Math.floorMod(predicted + d, n);
                double dist = distance(thumb, source.get(i));
                if (dist < bestDistance || dist == bestDistance && Math.abs(d) < Math.abs(offset(best, predicted, n))) {
                    best = i;
                    bestDistance = dist;
                }
            }
            if (seconds - lastFullSearch >= RESEARCH_SECONDS) {
                lastFullSearch = seconds;
                int global = searchAll(thumb);
                double globalDistance = distance(thumb, source.get(global));
                if (globalDistance < CLEARLY_BETTER * bestDistance
                        && bestDistance - globalDistance >= CLEARLY_BETTER_BY) {
                    best = global;
                    bestDistance = globalDistance;
                    reanchors++;
                }
            }
        }
        times.add(seconds);
        matches.add(best);
        distances.add(bestDistance);
        return best;
    }

    private static int offset(int i, int predicted, int n) {
        int d = Math.floorMod(i - predicted, n);
        return d > n / 2 ? d - n : d;
    }

    private int searchAll(int[] thumb) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < source.size(); i++) {
            double d = distance(thumb, source.get(i));
            if (d < bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    List<Integer> matches() {
        return List.copyOf(matches);
    }

    int reanchors() {
        return reanchors;
    }

    int window() {
        return window;
    }

    /** Median of the matched frames' thumbnail distances (mean absolute difference, 0 to 255). */
    double medianDistance() {
        if (distances.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(distances);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /**
     * How many source frames each received frame stays on screen for: a viewer holds frame {@code j} from its time
     * until frame {@code j+1}'s, and the camera played {@code fps} frames a second meanwhile. Rounded cumulatively from
     * the first frame so that jitter does not add up; the last frame counts once.
     */
    static int[] heldFrames(List<Double> times, double fps) {
        int[] held = new int[times.size()];
        if (times.isEmpty()) {
            return held;
        }
        double origin = times.get(0);
        for (int j = 0; j + 1 < times.size(); j++) {
            held[j] = (int) (Math.round((times.get(j + 1) - origin) * fps) - Math.round((times.get(j) - origin) * fps));
            held[j] = Math.max(0, held[j]);
        }
        held[times.size() - 1] = 1;
        return held;
    }

    List<Double> times() {
        return List.copyOf(times);
    }

    static double distance(int[] a, int[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return (double) sum / a.length;
    }

    /** Box-averaged {@value #THUMB_WIDTH}x{@value #THUMB_HEIGHT} luma of a picture of any size. */
    static int[] thumbnail(GreyImage image) {
        int[] sum = new int[THUMB_WIDTH * THUMB_HEIGHT];
        int[] count = new int[sum.length];
        byte[] p = image.pixels();
        int w = image.width();
        int h = image.height();
        for (int y = 0; y < h; y++) {
            int ty = y * THUMB_HEIGHT / h;
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int cell = ty * THUMB_WIDTH + x * THUMB_WIDTH / w;
                sum[cell] += p[row + x] & 0xff;
                count[cell]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] = count[i] == 0 ? 0 : sum[i] / count[i];
        }
        return sum;
    }
}
