package cairn.uplink;

import java.util.OptionalDouble;

/**
 * What the uplink needs to know of the link to bound what it puts in flight; the link monitor answers (the uplink
 * owns this interface, since the monitor is downstream of it). Any thread.
 */
public interface LinkEstimate {
  /** Nothing known: one request at a time. */
  LinkEstimate NONE = new LinkEstimate() {
    @Override
    public OptionalDouble kbps(long nowNanos) {
      return OptionalDouble.empty();
    }

    @Override
    public long roundTripNanos() {
      return 0;
    }
  };

  /** What the link delivers, kbit/s; empty before it has been measured. */
  OptionalDouble kbps(long nowNanos);

  /** The link's base round trip (its recent minimum); 0 when not known. */
  long roundTripNanos();
}
