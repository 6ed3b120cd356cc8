package cairn.uplink;

/**
 * After a failed request nothing new starts for a while: 1 s, doubling up to the cap while requests keep failing,
 * none after a success. Several requests are in flight when the link goes, and they fail together: an answer to a
 * request started before the last back-off began comes from the same trouble and does not double it.
 * Pure logic on the caller's clock; one thread.
 */
final class Backoff {
  private final long maxMillis;
  private long millis;
  private long setAtNanos;
  private long untilNanos;

  Backoff(long maxMillis) {
    this.maxMillis = maxMillis;
  }

  /** Whether nothing may start at {@code nowNanos}. */
  boolean holds(long nowNanos) {
    return millis > 0 && nowNanos - untilNanos < 0;
  }

  /** A request started at {@code startNanos} failed, seen at {@code nowNanos}. */
  void failed(long startNanos, long nowNanos) {
    if (millis > 0 && startNanos - setAtNanos < 0) {
      return;
    }
    millis = millis == 0 ? 1000 : Math.min(maxMillis, millis * 2);
    setAtNanos = nowNanos;
    untilNanos = nowNanos + millis * 1_000_000;
  }

  void succeeded() {
    millis = 0;
  }

  long millis() {
    return millis;
  }
}
