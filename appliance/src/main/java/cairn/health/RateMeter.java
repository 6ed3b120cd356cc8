package cairn.health;

import cairn.time.Ticker;

/**
 * Turns an ever-growing counter (frames captured, frames kept) into a rate per second over the time
 * since the previous reading. The first reading counts from construction. Not thread-safe: one
 * reader (the health sampler).
 */
public final class RateMeter {
  private final Ticker ticker;
  private long lastCount;
  private long lastNanos;

  public RateMeter(Ticker ticker, long initialCount) {
    this.ticker = ticker;
    this.lastCount = initialCount;
    this.lastNanos = ticker.nanos();
  }

  /** Per second since the last call; 0 when no time has passed or the counter went back (a restart). */
  public double rate(long count) {
    long now = ticker.nanos();
    long dt = now - lastNanos;
    long dn = count - lastCount;
    lastCount = count;
    lastNanos = now;
    if (dt <= 0 || dn < 0) {
      return 0;
    }
    return Math.round(dn * 1e10 / dt) / 10.0;
  }
}
