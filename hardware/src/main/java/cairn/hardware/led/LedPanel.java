package cairn.hardware.led;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Holds the wanted pattern of every status LED and, on each {@link #tick()}, drives the lines to match.
 *
 * <p>A line is written only when its level changes, plus once on the first tick so the hardware starts in a
 * known state. A pattern's phase starts when the pattern changes; showing the pattern an LED already has does
 * not restart it, so callers may re-assert their state as often as they like. A failed write is retried on the
 * next tick. Thread-safe: {@link #show} is called from any thread, {@link #tick()} usually from one driver.
 */
public final class LedPanel {
    private static final Logger LOG = System.getLogger(LedPanel.class.getName());

    private record Shown(LedPattern pattern, long sinceNanos) {}

    private final LedLines lines;
    private final Ticker ticker;
    private final Map<Led, Shown> shown = new EnumMap<>(Led.class);
    private final Map<Led, Boolean> written = new EnumMap<>(Led.class);

    public LedPanel(LedLines lines, Ticker ticker) {
        this.lines = Objects.requireNonNull(lines, "lines");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        long now = ticker.nanos();
        for (Led led : Led.values()) {
            shown.put(led, new Shown(LedPattern.OFF, now));
        }
    }

    public synchronized void show(Led led, LedPattern pattern) {
        Objects.requireNonNull(led, "led");
        Objects.requireNonNull(pattern, "pattern");
        LedPattern before = shown.get(led).pattern();
        if (before != pattern) {
            shown.put(led, new Shown(pattern, ticker.nanos()));
            LOG.log(Level.INFO, "LED {0}: {1} -> {2}", led, before, pattern);
        }
    }

    public synchronized LedPattern patternOf(Led led) {
        return shown.get(led).pattern();
    }

    /** Writes every line whose level differs from what it should be now; throws if a write fails. */
    public synchronized void tick() {
        long now = ticker.nanos();
        RuntimeException firstFailure = null;
        for (Led led : Led.values()) {
            Shown s = shown.get(led);
            boolean lit = s.pattern().isLitAt(now - s.sinceNanos());
            if (!Boolean.valueOf(lit).equals(written.get(led))) {
                try {
                    lines.line(led).set(lit);
                    written.put(led, lit);
                } catch (RuntimeException e) {
                    if (firstFailure == null) {
                        firstFailure = e;
                    } else {
                        firstFailure.addSuppressed(e);
                    }
                }
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }
}
