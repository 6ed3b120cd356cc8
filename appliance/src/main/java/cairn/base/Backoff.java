package cairn.base;

/** Reconnect pauses: 1 s, doubling, capped; back to 1 s after a success. Not thread-safe. */
public final class Backoff {
  private final long firstNanos;
  private final long maxNanos;
  private long next;

  public Backoff(long firstNanos, long maxNanos) {
    this.firstNanos = firstNanos;
    this.maxNanos = Math.max(firstNanos, maxNanos);
    this.next = firstNanos;
  }

  public long nextDelayNanos() {
    long d = next;
    next = Math.min(maxNanos, next * 2);
    return d;
  }

  public void reset() {
    next = firstNanos;
  }
}
