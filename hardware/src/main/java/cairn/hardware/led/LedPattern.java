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
    HEARTBEAT(2_000, 0, 100, 250, 350),
    /** Blink codes: N flashes (200 ms on, 300 ms off), then 1.5 s dark; an installer counts the flashes. */
    CODE_1(codePeriod(1), codeFlashes(1)),
    CODE_2(codePeriod(2), codeFlashes(2)),
    CODE_3(codePeriod(3), codeFlashes(3)),
    CODE_4(codePeriod(4), codeFlashes(4)),
    CODE_5(codePeriod(5), codeFlashes(5)),
    CODE_6(codePeriod(6), codeFlashes(6)),
    CODE_7(codePeriod(7), codeFlashes(7));

    private static final long FLASH_MILLIS = 200;
    private static final long FLASH_PERIOD_MILLIS = 500;
    private static final long CODE_PAUSE_MILLIS = 1_500;

    private final long periodNanos;
    private final long[] litIntervalsNanos;

    LedPattern(long periodMillis, long... litIntervalsMillis) {
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.litIntervalsNanos = new long[litIntervalsMillis.length];
        for (int i = 0; i < litIntervalsMillis.length; i++) {
            litIntervalsNanos[i] = TimeUnit.MILLISECONDS.toNanos(litIntervalsMillis[i]);
        }
    }

    /** The blink code with {@code flashes} flashes, 1 to 7. */
    public static LedPattern code(int flashes) {
        if (flashes < 1 || flashes > 7) {
            throw new IllegalArgumentException("a blink code has 1 to 7 flashes, got " + flashes);
        }
        return valueOf("CODE_" + flashes);
    }

    private static long codePeriod(int flashes) {
        return flashes * FLASH_PERIOD_MILLIS + CODE_PAUSE_MILLIS;
    }

    private static long[] codeFlashes(int flashes) {
        long[] intervals = new long[2 * flashes];
        for (int i = 0; i < flashes; i++) {
            intervals[2 * i] = i * FLASH_PERIOD_MILLIS;
            intervals[2 * i + 1] = i * FLASH_PERIOD_MILLIS + FLASH_MILLIS;
        }
        return intervals;
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
