package cairn.hardware.watchdog;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * How often to call {@link Watchdog#alive()}: half of systemd's WATCHDOG_USEC, as sd_watchdog_enabled(3) advises.
 *
 * <p>Empty when the watchdog is off: WATCHDOG_USEC unset, or WATCHDOG_PID naming another process.
 */
public final class WatchdogKickInterval {
    private WatchdogKickInterval() {}

    /** Reads WATCHDOG_USEC and WATCHDOG_PID; throws IllegalArgumentException naming the variable if malformed. */
    public static Optional<Duration> fromEnvironment(Map<String, String> env, long ownPid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String pid = env.get("WATCHDOG_PID");
        if (pid != null && !pid.isBlank() && positiveNumber("WATCHDOG_PID", pid, "a process id") != ownPid) {
            return Optional.empty();
        }
        long micros = positiveNumber("WATCHDOG_USEC", usec, "a number of microseconds");
        return Optional.of(Duration.of(micros, ChronoUnit.MICROS).dividedBy(2));
    }

    /** The interval for this process, from its own environment. */
    public static Optional<Duration> fromThisProcess() {
        return fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    }

    private static long positiveNumber(String key, String value, String what) {
        try {
            long number = Long.parseLong(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below with the key and value.
        }
        throw new IllegalArgumentException("'" + key + "' must be " + what + " greater than zero, got '" + value + "'");
    }
}
