package cairn.hardware.watchdog;

/**
 * What the service manager hears from Cairn: start-up done, still alive, shutting down, and a status line.
 *
 * <p>Implementations are thread-safe, never throw (a lost notification is logged; a missed kick ends in a
 * restart, which is the point), and may block the caller for a few seconds at most.
 */
public interface Watchdog {
    /** Start-up is complete. */
    void ready();

    /** Every critical component checked in; call at least every {@link WatchdogKickInterval} period. */
    void alive();

    /** Shutdown has begun; a restart is not needed. */
    void stopping();

    /** A one-line, human-readable state; line breaks are replaced by spaces. */
    void status(String text);
}
