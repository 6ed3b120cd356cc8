package cairn.link;

import cairn.uplink.UploadSample;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * What the uplink has been delivering, from its own requests: a capacity estimate, recent goodput,
 * the round trip, and when the last byte was confirmed delivered.
 *
 * <p>Several requests overlap (the uplink keeps the link busy across round trips), so one request's
 * goodput no longer measures the link: two that share it each see half. Instead each request
 * gives a delivery-rate sample, as BBR takes them: the bytes the link delivered over the request's
 * time, its own and the overlapping share of every other request answered (each request's bytes
 * spread over its own time from sending to the answer), divided by that time. Samples are worked
 * out again whenever the estimate is asked for, so an early one counts the requests answered after
 * it. The estimate is a percentile of those over a recent window, not the mean: a 3G link swings
 * by a factor of five within seconds, and the rate must still fit most of the time. It is the
 * 60th (the median left LTE's better seconds unused).
 *
 * <p>Requests under {@link #sampleBytes} are left out of the estimate: {@link #MIN_SAMPLE_BYTES}, or
 * less on a slow link, where a round trip's worth of bytes at the estimate is less. Otherwise a dip
 * that takes the rung down to where a whole segment is under 6 kB (under 96 kbit/s at 0.5 s
 * segments) would leave no sample to see the link come back by, and the rung would stay there. The smallest, the
 * playlists, measure the round trip instead: its minimum over the window is the base (in a dip
 * even they wait for the link); a request that began on an idle link spent one base round trip
 * (never more than {@link #MAX_IDLE_SHARE} of its time) carrying nothing, and that is taken off its time, so that a
 * long round trip does not pass for a slow link. How far recent small requests take longer than
 * the base is the queue in front of the link ({@link #queueDelayNanos}).
 *
 * <p>Threading: {@link #record} from the uplink's thread, the rest from the rate loop's;
 * synchronized.
 */
public final class LinkMonitor {
  /** Below this a request's goodput says little about the capacity: it is not a sample. */
  static final long MIN_SAMPLE_BYTES = 6_000L;
  /**
   * At most this, a request (a playlist) takes about a round trip: 2 kB are 16 ms at 1 Mbit/s. A
   * segment a little under {@link #MIN_SAMPLE_BYTES} is mostly transfer; taken for a round trip it
   * made a 800 kbit/s link look like 1600.
   */
  static final long ROUND_TRIP_BYTES = 2_000L;
  static final long WINDOW_NANOS = 20_000_000_000L;
  static final int MIN_SAMPLES = 3;
  /** The last few seconds, whose samples say what the link carries now ({@link #recentKbps}). */
  public static final long RECENT_NANOS = 5_000_000_000L;
  static final int RECENT_SAMPLES = 4;
  static final double RECENT_PERCENTILE = 0.2;
  /** The percentile of request goodput taken as the capacity the rate must fit in. */
  static final double PERCENTILE = 0.6;

  /**
   * At most this share of a request's time is taken for its idle round trip: a round trip measured a little long
   * must not turn a short request into a fast link.
   */
  static final double MAX_IDLE_SHARE = 0.8;
  /** Recent small requests: how much longer than the base they take is the queue signal. */
  static final long QUEUE_SIGNAL_NANOS = 2_000_000_000L;

  private record Sample(long startNanos, long endNanos, long bytes, boolean ok) {
    long nanos() {
      return endNanos - startNanos;
    }

    /** This request's bytes that fall in {@code [from, to]}, spread evenly over its own time. */
    double bytesWithin(long from, long to) {
      long overlap = Math.min(endNanos, to) - Math.max(startNanos, from);
      return overlap <= 0 || nanos() <= 0 ? 0 : bytes * (double) overlap / nanos();
    }
  }

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  /** End time and duration of recent requests too small to fill the link. */
  private final ArrayDeque<long[]> roundTrips = new ArrayDeque<>();
  private long lastDeliveryNanos = Long.MIN_VALUE;
  private long failures;
  private double lastEstimate = Double.NaN;

  public synchronized void record(UploadSample s, long endNanos) {
    if (s.ok()) {
      lastDeliveryNanos = endNanos;
    } else {
      failures++;
    }
    trim(endNanos);
    if (s.ok() && s.bytes() <= ROUND_TRIP_BYTES && s.nanos() > 0) {
      roundTrips.addLast(new long[] {endNanos, s.nanos()});
    }
    samples.addLast(new Sample(endNanos - Math.max(0, s.nanos()), endNanos, s.bytes(), s.ok()));
  }

  /**
   * The delivery rate over {@code r}'s time, kbit/s: the bytes of every answered request that fall in it, over its
   * time less the part of its first round trip in which the link had nothing else of ours to carry.
   */
  private double deliveryKbps(Sample r) {
    if (r.nanos() <= 0) {
      return 0;
    }
    long rtt = roundTripNanos();
    double bytes = 0;
    long busy = 0;
    for (Sample o : samples) {
      if (o.ok()) {
        bytes += o == r ? r.bytes() : o.bytesWithin(r.startNanos(), r.endNanos());
      }
      if (o != r && o.bytes() >= MIN_SAMPLE_BYTES && o.startNanos() < r.startNanos() && o.endNanos() > r.startNanos()) {
        busy = Math.max(busy, Math.min(o.endNanos(), r.startNanos() + rtt) - r.startNanos());
      }
    }
    long idle = Math.min(rtt - busy, (long) (r.nanos() * MAX_IDLE_SHARE));
    return bytes * 8e6 / Math.max(1, r.nanos() - Math.max(0, idle));
  }

  /**
   * How much longer than the base round trip the recent small requests take (the fastest of them, over the last
   * {@link #QUEUE_SIGNAL_NANOS}): the time a request waits in front of the link. 0 without such requests.
   */
  public synchronized long queueDelayNanos(long nowNanos) {
    long base = roundTripNanos();
    long recent = roundTrips.stream().filter(r -> nowNanos - r[0] <= QUEUE_SIGNAL_NANOS).mapToLong(r -> r[1]).min()
        .orElse(base);
    return Math.max(0, recent - base);
  }

  /**
   * The capacity estimate in kbit/s: the {@link #PERCENTILE} of the goodput of the window's
   * requests; the last one known while the window has too few (an outage, a still scene).
   */
  public synchronized OptionalDouble estimateKbps(long nowNanos) {
    trim(nowNanos);
    long least = sampleBytes();
    double[] rates = samples.stream().filter(s -> s.ok() && s.bytes() >= least)
        .mapToDouble(this::deliveryKbps).sorted().toArray();
    if (rates.length >= MIN_SAMPLES) {
      lastEstimate = percentile(rates, PERCENTILE);
      // After a stall the window still holds its slow requests: when the last few seconds all
      // deliver more, believe them (their low end) rather than wait for the window to turn over.
      OptionalDouble recent = recentLow(nowNanos);
      if (recent.isPresent()) {
        lastEstimate = Math.max(lastEstimate, recent.getAsDouble());
      }
    }
    return Double.isNaN(lastEstimate) ? OptionalDouble.empty() : OptionalDouble.of(lastEstimate);
  }

  /**
   * What the link carries now, kbit/s: the low end ({@link #RECENT_PERCENTILE}) of the delivery samples of the last
   * {@link #RECENT_NANOS}, nothing older in it; empty with fewer than {@link #RECENT_SAMPLES} of them.
   */
  public synchronized OptionalDouble recentKbps(long nowNanos) {
    trim(nowNanos);
    return recentLow(nowNanos);
  }

  private OptionalDouble recentLow(long nowNanos) {
    long least = sampleBytes();
    double[] recent = samples.stream().filter(s -> s.ok() && s.bytes() >= least
        && nowNanos - s.endNanos() <= RECENT_NANOS).mapToDouble(this::deliveryKbps).sorted().toArray();
    return recent.length >= RECENT_SAMPLES ? OptionalDouble.of(percentile(recent, RECENT_PERCENTILE))
        : OptionalDouble.empty();
  }

  /**
   * The least a request must carry to be a sample: {@link #MIN_SAMPLE_BYTES}, or a round trip's worth at the last
   * estimate where that is less (a slow link; both known), but always more than a playlist ({@link #ROUND_TRIP_BYTES}). At 100
   * kbit/s and a 150 ms round trip that is 2 kB: a 4 kB segment then spends as long in transfer as in the round trip,
   * which is taken off its time, and says what the link carries.
   */
  long sampleBytes() {
    if (Double.isNaN(lastEstimate) || roundTrips.isEmpty()) {
      return MIN_SAMPLE_BYTES;
    }
    long roundTripsWorth = (long) (lastEstimate * 125 * roundTripNanos() / 1e9);
    return Math.min(MIN_SAMPLE_BYTES, Math.max(ROUND_TRIP_BYTES + 1, roundTripsWorth));
  }

  /** Bytes the server confirmed over the last {@code windowNanos}, as kbit/s. */
  public synchronized double deliveredKbps(long nowNanos, long windowNanos) {
    long bytes = samples.stream().filter(s -> s.ok() && nowNanos - s.endNanos() <= windowNanos)
        .mapToLong(Sample::bytes).sum();
    return bytes * 8.0 / 1000 / (windowNanos / 1e9);
  }

  /** When the server last confirmed a delivery; {@code Long.MIN_VALUE} if never. */
  public synchronized long lastDeliveryNanos() {
    return lastDeliveryNanos;
  }

  public synchronized long failures() {
    return failures;
  }

  /** The time a request takes whatever it carries: the fastest recent small request. */
  public synchronized long roundTripNanos() {
    return roundTrips.stream().mapToLong(r -> r[1]).min().orElse(0);
  }

  private void trim(long nowNanos) {
    while (!samples.isEmpty() && nowNanos - samples.peekFirst().endNanos() > WINDOW_NANOS) {
      samples.removeFirst();
    }
    while (roundTrips.size() > 1 && nowNanos - roundTrips.peekFirst()[0] > WINDOW_NANOS) {
      roundTrips.removeFirst();
    }
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }

  @Override
  public synchronized String toString() {
    return "LinkMonitor" + Arrays.toString(samples.stream().mapToDouble(this::deliveryKbps).toArray());
  }
}
