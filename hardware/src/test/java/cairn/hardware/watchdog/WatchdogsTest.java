package cairn.hardware.watchdog;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchdogsTest {

    @Test
    void withoutNotifySocketTheWatchdogDoesNothing() {
        assertInstanceOf(NoOpWatchdog.class, Watchdogs.fromEnvironment(Map.of()));
        assertInstanceOf(NoOpWatchdog.class, Watchdogs.fromEnvironment(Map.of("NOTIFY_SOCKET", " ")));
    }

    @Test
    void withNotifySocketTheWatchdogTalksToSystemd() {
        assertInstanceOf(SystemdNotifyWatchdog.class,
                Watchdogs.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/systemd/notify")));
    }
}
