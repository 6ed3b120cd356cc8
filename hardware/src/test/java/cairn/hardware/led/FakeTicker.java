package cairn.hardware.led;

import java.time.Duration;

/** A ticker that moves only when the test says so. */
final class FakeTicker implements Ticker {
    private long nanos = 1_000_000_000L;

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    synchronized void advance(Duration step) {
        nanos += step.toNanos();
    }

    void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
