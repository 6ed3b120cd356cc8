package cairn.hardware.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatchdogKickIntervalTest {
    private static final long OWN_PID = 4242;

    @Test
    void kicksAtHalfTheWatchdogTimeout() {
        assertEquals(Optional.of(Duration.ofSeconds(15)),
                WatchdogKickInterval.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000"), OWN_PID));
        assertEquals(Optional.of(Duration.ofNanos(500)),
                WatchdogKickInterval.fromEnvironment(Map.of("WATCHDOG_USEC", "1"), OWN_PID));
    }

    @Test
    void isOffWithoutWatchdogUsec() {
        assertEquals(Optional.empty(), WatchdogKickInterval.fromEnvironment(Map.of(), OWN_PID));
        assertEquals(Optional.empty(), WatchdogKickInterval.fromEnvironment(Map.of("WATCHDOG_USEC", ""), OWN_PID));
    }

    @Test
    void appliesOnlyToTheProcessNamedByWatchdogPid() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), WatchdogKickInterval.fromEnvironment(
                Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "4242"), OWN_PID));
        assertEquals(Optional.empty(), WatchdogKickInterval.fromEnvironment(
                Map.of("WATCHDOG_USEC", "10000000", "WATCHDOG_PID", "1"), OWN_PID));
    }

    @Test
    void malformedValuesAreRefusedNamingTheVariable() {
        IllegalArgumentException usec = assertThrows(IllegalArgumentException.class,
                () -> WatchdogKickInterval.fromEnvironment(Map.of("WATCHDOG_USEC", "30s"), OWN_PID));
        assertEquals("'WATCHDOG_USEC' must be a number of microseconds greater than zero, got '30s'",
                usec.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> WatchdogKickInterval.fromEnvironment(Map.of("WATCHDOG_USEC", "0"), OWN_PID));
        assertThrows(IllegalArgumentException.class,
                () -> WatchdogKickInterval.fromEnvironment(Map.of("WATCHDOG_USEC", "-5"), OWN_PID));
        IllegalArgumentException pid = assertThrows(IllegalArgumentException.class, () -> WatchdogKickInterval
                .fromEnvironment(Map.of("WATCHDOG_USEC", "1000", "WATCHDOG_PID", "self"), OWN_PID));
        assertEquals("'WATCHDOG_PID' must be a process id greater than zero, got 'self'", pid.getMessage());
    }
}
