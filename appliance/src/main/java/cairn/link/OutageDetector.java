package cairn.link;

/**
 * Declares an outage when something has been waiting to be sent for {@link #AFTER_NANOS} without
 * the server confirming any delivery, and ends it with the first confirmed delivery. Waiting is
 * what matters: a still camera with nothing to send is not an outage. One thread.
 */
public final class OutageDetector {
  public static final long AFTER_NANOS = 4_000_000_000L;

  private long waitingSince = Long.MIN_VALUE;
  private boolean outage;

  /**
   * @param waiting whether a segment is waiting or being sent now
   * @param lastDeliveryNanos when the server last confirmed a delivery
   * @return whether the link is out now
   */
  public boolean update(long now, boolean waiting, long lastDeliveryNanos) {
    if (outage) {
      if (lastDeliveryNanos != Long.MIN_VALUE && lastDeliveryNanos > waitingSince) {
        outage = false;
        waitingSince = waiting ? now : Long.MIN_VALUE;
      }
      return outage;
    }
    if (!waiting) {
      waitingSince = Long.MIN_VALUE;
      return false;
    }
    if (waitingSince == Long.MIN_VALUE) {
      waitingSince = now;
    } else if (lastDeliveryNanos > waitingSince) {
      waitingSince = lastDeliveryNanos; // progress: the silence counts from the last delivery
    }
    outage = now - waitingSince >= AFTER_NANOS;
    return outage;
  }

  public boolean inOutage() {
    return outage;
  }
}
