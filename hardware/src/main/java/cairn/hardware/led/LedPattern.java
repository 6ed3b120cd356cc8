package cairn.hardware.led;

import java.util.concurrent.TimeUnit;

/**
 * How an LED behaves over time: a repeating period with the intervals during which it is lit.
 *
 * <p>Every pattern starts lit at time zero (except {@link #OFF}), so a change is visible at once.
 */
public enum LedPattern {
    OFF(1_000),
    ON(1_000, 0, 1_000),
    /** 1 Hz, half on, half off. */
    BLINK_SLOW(1_000, 0, 500),
    /** 4 Hz, half on, half off. */
    BLINK_FAST(250, 0, 125),
    /** Two short flashes, then dark, every 2 s. */
    HEARTBEAT(2_000, 0, 100, 250, 350);

    private final long periodNanos;
    private final long[] litIntervalsNanos;

    LedPattern(long periodMillis, long... litIntervalsMillis) {
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.litIntervalsNanos = new long[litIntervalsMillis.length];
        for (int i = 0; i < litIntervalsMillis.length; i++) {
            litIntervalsNanos[i] = TimeUnit.MILLISECONDS.toNanos(litIntervalsMillis[i]);
        }
    }

    /** Whether the LED is lit {@code nanosSinceStart} after the pattern was started; any value is allowed. */
    public boolean isLitAt(long nanosSinceStart) {
        long phase = Math.floorMod(nanosSinceStart, periodNanos);
        for (int i = 0; i < litIntervalsNanos.length; i += 2) {
            if (phase >= litIntervalsNanos[i] && phase < litIntervalsNanos[i + 1]) {
                return true;
            }
        }
        return false;
    }
}
