package cairn.hardware.watchdog;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Picks the watchdog for this process: systemd's when NOTIFY_SOCKET is set (logged), a no-op otherwise (logged
 * only with --verbose: outside systemd that is normal, and a start-up failure must stay one line).
 */
public final class Watchdogs {
    private static final Logger LOG = System.getLogger(Watchdogs.class.getName());

    private Watchdogs() {}

    public static Watchdog fromEnvironment(Map<String, String> env) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isBlank()) {
            LOG.log(Level.DEBUG, "Watchdog: NOTIFY_SOCKET is unset, not running under systemd; notifications off");
            return new NoOpWatchdog();
        }
        LOG.log(Level.INFO, "Watchdog: notifying systemd at {0} through {1}", socket,
                SystemdNotifyWatchdog.SYSTEMD_NOTIFY);
        return new SystemdNotifyWatchdog(socket, SystemdNotifyWatchdog.SYSTEMD_NOTIFY,
                SystemdNotifyWatchdog.DEFAULT_TIMEOUT);
    }
}
