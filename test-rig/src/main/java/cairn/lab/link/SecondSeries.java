package cairn.lab.link;

import java.util.Arrays;

/**
 * Per-second numbers of one direction, indexed by whole seconds since the link started: a sum (bytes carried) or the
 * highest level seen (queue occupancy, where a second starts at the level the previous one ended with). Not
 * thread-safe: the owner guards it.
 */
final class SecondSeries {

    private long[] values = new long[64];
    private int seconds;
    private long level;
    private final boolean levels;

    private SecondSeries(boolean levels) {
        this.levels = levels;
    }

    static SecondSeries sums() {
        return new SecondSeries(false);
    }

    static SecondSeries maxima() {
        return new SecondSeries(true);
    }

    void add(long second, long amount) {
        reach(second);
        values[(int) second] += amount;
    }

    /** The level is now {@code value}; it stays so in later seconds until noted again. */
    void level(long second, long value) {
        reach(second);
        level = value;
        values[(int) second] = Math.max(values[(int) second], value);
    }

    /** Values of seconds {@code 0..count-1}; a second never touched holds 0, or for levels the level carried over. */
    long[] upTo(int count) {
        reach(count - 1);
        return Arrays.copyOf(values, count);
    }

    private void reach(long second) {
        if (second < 0) {
            return;
        }
        if (second >= Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("second " + second + " is out of range");
        }
        while (second >= values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        while (seconds <= second) {
            if (levels) {
                values[seconds] = Math.max(values[seconds], level);
            }
            seconds++;
        }
    }
}
