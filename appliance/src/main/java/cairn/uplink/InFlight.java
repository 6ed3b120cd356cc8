package cairn.uplink;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The segment requests in flight, and what may start next ({@link #room}). A round trip of 100–300 ms idles the
 * link between requests sent one at a time, so the next one starts while the last is still being carried. But what
 * is in flight can no longer be reordered (a live segment sent later waits behind it) and is stuck there when the
 * link dips, so beyond the largest request only about {@link #GAIN} round trips' worth at the link's estimated rate
 * may be in flight. The bound follows the estimate: it shrinks as the link slows. Without an estimate, one request at
 * a time (and one live beside it). (Also tried: starting the next request once what is left to carry, projected at the
 * estimate, is down to the bound; in {@code lab rate-sim} it gave no more utilization and a higher live p95.)
 *
 * <p>Pure logic on the caller's clock; one thread (the uplink's dispatcher, or {@code lab rate-sim}).
 */
public final class InFlight {
  /** Round trips of data in flight beyond the largest request: enough to cover the gap while the next one starts. */
  static final double GAIN = 2;
  /** Even on loopback a request takes its own time to start: never plan with a shorter round trip. */
  static final long MIN_ROUND_TRIP_NANOS = 50_000_000L;
  /** At most this many segment requests at once (each on a kept-alive connection of its own). */
  public static final int MAX_REQUESTS = 4;

  /** What may start now. */
  public enum Room {
    /** Any segment: live, a clip or the backlog. */
    ANY,
    /** Only a live segment: the last request slot, and room beyond the bound, are live's. */
    LIVE_ONLY,
    NONE
  }

  private record Request(long bytes, boolean live) {}

  private final Map<Long, Request> requests = new HashMap<>();
  private long nextId;
  private long total;

  /** A request of {@code n} bytes starts; returns its id for {@link #end}. */
  public long start(long n, boolean isLive) {
    long id = nextId++;
    requests.put(id, new Request(n, isLive));
    total += n;
    return id;
  }

  public void end(long id) {
    Request r = requests.remove(id);
    if (r != null) {
      total -= r.bytes();
    }
  }

  /** Forgets every request (abandoned at a stop). */
  public void clear() {
    requests.clear();
    total = 0;
  }

  public int requests() {
    return requests.size();
  }

  public long bytes() {
    return total;
  }

  /** Bytes worth {@link #GAIN} round trips at this estimate; -1 when unknown. */
  public static long boundBytes(OptionalDouble kbps, long roundTripNanos) {
    if (kbps.isEmpty()) {
      return -1;
    }
    double rtt = Math.max(roundTripNanos, MIN_ROUND_TRIP_NANOS) / 1e9;
    return (long) (kbps.getAsDouble() * 125 * rtt * GAIN);
  }

  /**
   * Live ahead of backlog in what is put in flight: a backlog request only when the bound has room and a request slot
   * stays free; a live one also when no other live one is in flight, whatever the backlog holds.
   */
  public Room room(OptionalDouble kbps, long roundTripNanos) {
    if (requests.isEmpty()) {
      return Room.ANY;
    }
    if (requests.size() >= MAX_REQUESTS) {
      return Room.NONE;
    }
    boolean noLive = requests.values().stream().noneMatch(Request::live);
    long bound = boundBytes(kbps, roundTripNanos);
    if (bound < 0) {
      return noLive ? Room.LIVE_ONLY : Room.NONE;
    }
    long largest = requests.values().stream().mapToLong(Request::bytes).max().orElse(0);
    boolean fits = total - largest <= bound;
    if (fits && requests.size() < MAX_REQUESTS - 1) {
      return Room.ANY;
    }
    return fits || noLive ? Room.LIVE_ONLY : Room.NONE;
  }
}
