package cairn.link;

import cairn.hardware.modem.ModemReader;
import cairn.hardware.modem.ModemResult;
import cairn.hardware.modem.ModemSample;
import cairn.hardware.modem.NetworkMode;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.logging.Logger;

/**
 * Asks the modem how the link looks, every few seconds on its own thread, and turns what it says
 * into an early hint for the rate controller: the network fell back to an older generation
 * (4G → 3G → 2G), or the signal collapsed (down {@link #COLLAPSE_DB} dB or more against the best
 * of the last {@link #MEMORY} readings). Either usually precedes a drop in capacity by seconds.
 *
 * <p>Threading: {@link #poll} on the watch's thread; {@link #latest} and {@link #takeHint} from
 * any (synchronized). The reader is only touched by {@link #poll} and {@link #close}.
 */
public final class ModemWatch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ModemWatch.class.getName());
  static final double COLLAPSE_DB = 10;
  static final int MEMORY = 6;

  private final ModemReader reader;
  private final ArrayDeque<Double> recentSignal = new ArrayDeque<>();
  private ModemSample latest;
  private String hint;
  private String lastFailure = "";

  public ModemWatch(ModemReader reader) {
    this.reader = reader;
  }

  /** Reads the modem once; never throws (the reader does not). */
  public void poll() {
    ModemResult r = reader.read();
    if (r instanceof ModemSample s) {
      accept(s);
      lastFailure = "";
    } else if (!r.toString().equals(lastFailure)) {
      lastFailure = r.toString();
      LOG.info("modem (" + reader.describe() + ") did not answer: " + r);
    }
  }

  synchronized void accept(ModemSample s) {
    ModemSample before = latest;
    latest = s;
    Optional<NetworkMode> was = before == null ? Optional.empty() : before.mode();
    if (was.isPresent() && s.mode().isPresent() && s.mode().get().generation() < was.get().generation()) {
      hint = "the modem fell back from " + was.get().label() + " to " + s.mode().get().label();
    }
    if (!was.equals(s.mode())) {
      recentSignal.clear(); // RSRP on one network, RSSI on another: not comparable
    }
    OptionalDouble dbm = signalDbm(s);
    if (dbm.isPresent()) {
      double best = recentSignal.stream().mapToDouble(Double::doubleValue).max().orElse(dbm.getAsDouble());
      if (best - dbm.getAsDouble() >= COLLAPSE_DB && hint == null) {
        hint = String.format(java.util.Locale.ROOT, "the signal collapsed from %.0f to %.0f dBm", best,
            dbm.getAsDouble());
      }
      recentSignal.addLast(dbm.getAsDouble());
      while (recentSignal.size() > MEMORY) {
        recentSignal.removeFirst();
      }
    }
  }

  /** The hint since the last call, once. */
  public synchronized Optional<String> takeHint() {
    Optional<String> h = Optional.ofNullable(hint);
    hint = null;
    return h;
  }

  public synchronized Optional<ModemSample> latest() {
    return Optional.ofNullable(latest);
  }

  /** The signal figure that best tracks capacity: RSRP on LTE, else RSSI. */
  public static OptionalDouble signalDbm(ModemSample s) {
    return s.rsrpDbm().isPresent() ? s.rsrpDbm() : s.rssiDbm();
  }

  public String describe() {
    return reader.describe();
  }

  @Override
  public void close() {
    reader.close();
  }
}
