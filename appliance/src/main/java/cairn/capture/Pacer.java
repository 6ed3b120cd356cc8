package cairn.capture;

import cairn.time.Ticker;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds a source that is not live (a file, the test pattern) to real time: frame {@code n} is
 * released at its due time after the first. A source that falls behind is not made to catch up in
 * a burst; the schedule restarts from now.
 */
final class Pacer {
  private final Ticker ticker;
  private long originNanos = Long.MIN_VALUE;
  private long originMediaNanos;

  Pacer(Ticker ticker) {
    this.ticker = ticker;
  }

  /** Waits until media time {@code mediaNanos} is due and returns the capture time. */
  long await(long mediaNanos) throws InterruptedIOException {
    long now = ticker.nanos();
    if (originNanos == Long.MIN_VALUE || mediaNanos < originMediaNanos) {
      restart(now, mediaNanos);
      return now;
    }
    long due = originNanos + (mediaNanos - originMediaNanos);
    if (now - due > 500_000_000L) {
      restart(now, mediaNanos);
      return now;
    }
    while ((now = ticker.nanos()) < due) {
      LockSupport.parkNanos(due - now);
      if (Thread.interrupted()) {
        throw new InterruptedIOException("capture stopped");
      }
    }
    return due;
  }

  /** Forget the schedule, e.g. after seeking back to the start of a looping file. */
  void reset() {
    originNanos = Long.MIN_VALUE;
  }

  private void restart(long now, long mediaNanos) {
    originNanos = now;
    originMediaNanos = mediaNanos;
  }
}
