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
 * <p>When the link goes quiet ({@link #silent}: requests out and no answer for much longer than they should take, or
 * one that got no answer at all), nothing new starts: an outage gives no answers, so the estimate, and with it the
 * bound, would not fall until a request timed out, and every segment put in flight meanwhile would be stuck there,
 * seconds or minutes late, instead of waiting in the spool, where the send order still picks the freshest for live
 * once the link is back. Then one small request at a time ({@link #probeDue}) asks whether the link is back.
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
  /**
   * Quiet for this many times what the requests out should take (their bytes at the estimate, and a round trip) is a
   * silent link: a link at half the estimate still answers within it.
   */
  static final double SILENT_FACTOR = 2;
  /** Never silent sooner: a server takes its own time to answer, and one slow answer is not an outage. */
  static final long SILENT_MIN_NANOS = 1_000_000_000L;

  /** What may start now. */
  public enum Room {
    /** Any segment: live, a clip or the backlog. */
    ANY,
    /** Only a live segment: the last request slot, and room beyond the bound, are live's. */
    LIVE_ONLY,
    NONE
  }

  private record Request(long bytes, boolean live, long startNanos) {}

  private final Map<Long, Request> requests = new HashMap<>();
  /** Playlists, snapshots and probes out: they take no slot, but say whether the link answers. */
  private final Map<Long, Long> small = new HashMap<>();
  private long nextId;
  private long total;
  private long lastAnswerNanos = Long.MIN_VALUE;
  private boolean unansweredSinceAnswer;

  /** A segment request of {@code n} bytes starts at {@code now}; returns its id for {@link #end}. */
  public long start(long n, boolean isLive, long now) {
    long id = nextId++;
    requests.put(id, new Request(n, isLive, now));
    total += n;
    return id;
  }

  /** A request too small to count against the bound (a playlist, a snapshot, a probe) starts; its id for {@link #end}. */
  public long startSmall(long now) {
    long id = nextId++;
    small.put(id, now);
    return id;
  }

  /**
   * A request ended at {@code now}: {@code answered} if the server answered it (with any status: the link carried it),
   * false if no answer came (a timeout, a connection lost).
   */
  public void end(long id, long now, boolean answered) {
    Request r = requests.remove(id);
    if (r != null) {
      total -= r.bytes();
    }
    small.remove(id);
    if (answered) {
      lastAnswerNanos = now;
      unansweredSinceAnswer = false;
    } else {
      unansweredSinceAnswer = true;
    }
  }

  /** Forgets every request (abandoned at a stop). */
  public void clear() {
    requests.clear();
    small.clear();
    total = 0;
  }

  /** Segment requests in flight. */
  public int requests() {
    return requests.size();
  }

  /**
   * Whether the link has gone silent: a request got no answer and none has been answered since, or requests are out
   * and none was answered for {@link #SILENT_FACTOR} times what they should take ({@link #quietLimitNanos}).
   */
  public boolean silent(long now, OptionalDouble kbps, long roundTripNanos) {
    if (unansweredSinceAnswer) {
      return true;
    }
    long oldest = Math.min(requests.values().stream().mapToLong(Request::startNanos).min().orElse(Long.MAX_VALUE),
        small.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE));
    if (oldest == Long.MAX_VALUE) {
      return false;
    }
    long quietSince = lastAnswerNanos == Long.MIN_VALUE ? oldest : Math.max(lastAnswerNanos, oldest);
    return now - quietSince > quietLimitNanos(kbps, roundTripNanos);
  }

  /** How long the requests out may go without an answer before the link counts as silent. */
  long quietLimitNanos(OptionalDouble kbps, long roundTripNanos) {
    double carry = kbps.isEmpty() ? 0 : total * 8e6 / Math.max(1, kbps.getAsDouble());
    double rtt = Math.max(roundTripNanos, MIN_ROUND_TRIP_NANOS);
    return Math.max(SILENT_MIN_NANOS, (long) (SILENT_FACTOR * (carry + rtt)));
  }

  /** Whether the link is silent and nothing is out: one small request should ask whether it is back. */
  public boolean probeDue(long now, OptionalDouble kbps, long roundTripNanos) {
    return requests.isEmpty() && small.isEmpty() && silent(now, kbps, roundTripNanos);
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
   * Nothing while the link is silent. Else live ahead of backlog in what is put in flight: a backlog request only when
   * the bound has room and a request slot stays free; a live one also when no other live one is in flight, whatever the backlog holds.
   */
  public Room room(OptionalDouble kbps, long roundTripNanos, long now) {
    if (silent(now, kbps, roundTripNanos)) {
      return Room.NONE;
    }
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
