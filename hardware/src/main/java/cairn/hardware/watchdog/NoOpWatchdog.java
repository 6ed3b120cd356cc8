package cairn.hardware.watchdog;

/** The watchdog when no service manager listens (NOTIFY_SOCKET unset): every call does nothing. */
public final class NoOpWatchdog implements Watchdog {
    @Override
    public void ready() {}

    @Override
    public void alive() {}

    @Override
    public void stopping() {}

    @Override
    public void status(String text) {}
}
