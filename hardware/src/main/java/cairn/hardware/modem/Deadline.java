package cairn.hardware.modem;

import java.time.Duration;

/** The end of one {@code read()}, on the monotonic clock; each step takes what is left of it. */
final class Deadline {
    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    long remainingMillis() {
        return (remainingNanos() + 999_999) / 1_000_000;
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** This deadline, or {@code timeout} from now if that comes first. */
    Deadline atMost(Duration timeout) {
        long other = System.nanoTime() + timeout.toNanos();
        return other - endNanos < 0 ? new Deadline(other) : this;
    }
}
