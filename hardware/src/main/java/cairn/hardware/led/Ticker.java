package cairn.hardware.led;

/**
 * A monotonic clock in nanoseconds, injected so that tests can advance time by hand.
 *
 * <p>Only differences between two readings mean anything; implementations must be thread-safe.
 */
@FunctionalInterface
public interface Ticker {
    long nanos();

    static Ticker system() {
        return System::nanoTime;
    }
}
