package cairn.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that moves only when told to; for tests and for replaying recorded timestamps. */
public final class FakeTicker implements Ticker {
  private final AtomicLong now = new AtomicLong();

  @Override
  public long nanos() {
    return now.get();
  }

  public void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  public void set(long nanos) {
    now.set(nanos);
  }
}
