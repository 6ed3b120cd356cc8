package cairn.hardware.led;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;

/**
 * LED lines for machines without GPIO: remembers each level and logs changes at DEBUG (JUL {@code FINE}).
 *
 * <p>Thread-safe; closing switches every LED off.
 */
public final class LogOnlyLedLines implements LedLines {
    private static final Logger LOG = System.getLogger(LogOnlyLedLines.class.getName());

    private final Map<Led, Boolean> levels = new EnumMap<>(Led.class);

    public LogOnlyLedLines() {
        for (Led led : Led.values()) {
            levels.put(led, false);
        }
    }

    @Override
    public LedLine line(Led led) {
        return on -> set(led, on);
    }

    private synchronized void set(Led led, boolean on) {
        if (levels.put(led, on) != on) {
            LOG.log(Level.DEBUG, "LED {0} {1}", led, on ? "on" : "off");
        }
    }

    public synchronized boolean isOn(Led led) {
        return levels.get(led);
    }

    @Override
    public synchronized void close() {
        for (Led led : Led.values()) {
            set(led, false);
        }
    }
}
