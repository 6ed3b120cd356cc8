package cairn.link;

import cairn.uplink.UploadSample;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * What the uplink has been delivering, from its own requests: a capacity estimate, recent goodput
 * and when the last byte was confirmed delivered.
 *
 * <p>Each request carries one segment in one burst, so its goodput (bytes over the time from
 * sending to the answer) is what the link gave during that request, even when Cairn sends less
 * than the link could carry. The estimate is a percentile of those over a recent window, not
 * the mean: a 3G link swings by a factor of five within seconds, and the rate must still fit
 * most of the time. It is the 60th: a request's goodput runs below what the link gave meanwhile
 * (it pays for its own start and answer), and the median left LTE's better seconds unused.
 *
 * <p>Requests under {@link #MIN_SAMPLE_BYTES} are left out of the estimate. The smallest, the
 * playlists, measure the round trip instead: the fastest of them (in a dip even they wait for
 * the link), never more than half of a request's time, is taken off each large request's, so
 * that a long round trip does not pass for a slow link.
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
  static final long RECENT_NANOS = 5_000_000_000L;
  static final int RECENT_SAMPLES = 4;
  static final double RECENT_PERCENTILE = 0.2;
  /** The percentile of request goodput taken as the capacity the rate must fit in. */
  static final double PERCENTILE = 0.6;

  private record Sample(long endNanos, long bytes, double kbps, boolean ok) {}

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
    // In a dip even small requests wait for the link, so their time is a round trip only at its
    // fastest; and at most half of a request's time is taken for one.
    long transfer = s.nanos() - Math.min(roundTripNanos(), s.nanos() / 2);
    double kbps = s.bytes() * 8e6 / Math.max(1, transfer);
    samples.addLast(new Sample(endNanos, s.bytes(), s.nanos() <= 0 ? 0 : kbps, s.ok()));
  }

  /**
   * The capacity estimate in kbit/s: the {@link #PERCENTILE} of the goodput of the window's
   * requests; the last one known while the window has too few (an outage, a still scene).
   */
  public synchronized OptionalDouble estimateKbps(long nowNanos) {
    trim(nowNanos);
    double[] rates = samples.stream().filter(s -> s.ok() && s.bytes() >= MIN_SAMPLE_BYTES)
        .mapToDouble(Sample::kbps).sorted().toArray();
    if (rates.length >= MIN_SAMPLES) {
      lastEstimate = percentile(rates, PERCENTILE);
      // After a stall the window still holds its slow requests: when the last few seconds all
      // deliver more, believe them (their low end) rather than wait for the window to turn over.
      double[] recent = samples.stream().filter(s -> s.ok() && s.bytes() >= MIN_SAMPLE_BYTES
          && nowNanos - s.endNanos() <= RECENT_NANOS).mapToDouble(Sample::kbps).sorted().toArray();
      if (recent.length >= RECENT_SAMPLES) {
        lastEstimate = Math.max(lastEstimate, percentile(recent, RECENT_PERCENTILE));
      }
    }
    return Double.isNaN(lastEstimate) ? OptionalDouble.empty() : OptionalDouble.of(lastEstimate);
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
    return "LinkMonitor" + Arrays.toString(samples.stream().mapToDouble(Sample::kbps).toArray());
  }
}
