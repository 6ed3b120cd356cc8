package cairn.app;

import cairn.bus.Event;
import cairn.capture.CameraCapture;
import cairn.health.BoxInputs;
import cairn.health.SystemProbe;
import cairn.rate.RateLoop;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import cairn.time.Ticker;
import cairn.uplink.Uplink;
import cairn.uplink.UplinkStats;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Gathers {@link BoxInputs} from the running stages, for the LEDs. Called once a second on the
 * housekeeping thread; {@link #event} from any thread.
 */
final class BoxStateProbe {
  private static final double LIVE_S = 10;

  private final List<CameraRunner> runners;
  private final Spool spool;
  private final Supplier<Uplink> uplink;
  private final Supplier<RateLoop> rate;
  private final BooleanSupplier clockSynced;
  private final SystemProbe system;
  private final BooleanSupplier underVoltage;
  private final Ticker ticker;
  private final long startNanos;
  private final String bootId;
  private volatile long evictedAtNanos = Long.MIN_VALUE;

  BoxStateProbe(List<CameraRunner> runners, Spool spool, Supplier<Uplink> uplink, Supplier<RateLoop> rate,
      BooleanSupplier clockSynced, SystemProbe system, BooleanSupplier underVoltage, Ticker ticker, long startNanos,
      String bootId) {
    this.runners = runners;
    this.spool = spool;
    this.uplink = uplink;
    this.rate = rate;
    this.clockSynced = clockSynced;
    this.system = system;
    this.underVoltage = underVoltage;
    this.ticker = ticker;
    this.startNanos = startNanos;
    this.bootId = bootId;
  }

  /** Remembers footage evicted for room, or a spool that stopped storing: a person should look. */
  void event(Event e) {
    if (e.type().equals("spool_evicted") || SegmentKeeper.isStorageFault(e)) {
      diskTrouble();
    }
  }

  /** Footage evicted, or a segment that could not be written. */
  void diskTrouble() {
    evictedAtNanos = ticker.nanos();
  }

  BoxInputs inputs() {
    long now = ticker.nanos();
    List<Boolean> cams = runners.stream().map(r -> r.capture().status())
        .filter(s -> s != CameraCapture.Status.ENDED && s != CameraCapture.Status.STOPPED)
        .map(s -> s == CameraCapture.Status.RUNNING).toList();
    int ended = (int) runners.stream().filter(r -> r.capture().status() == CameraCapture.Status.ENDED).count();
    Uplink u = uplink.get();
    RateLoop r = rate.get();
    OptionalDouble lastUpload = OptionalDouble.empty();
    boolean failing = false;
    if (u != null) {
      UplinkStats st = u.stats();
      failing = !st.lastError().isEmpty();
      if (st.lastSuccessWallMillis() > 0) {
        lastUpload = OptionalDouble.of((System.currentTimeMillis() - st.lastSuccessWallMillis()) / 1000.0);
      }
    }
    return new BoxInputs(cams, ended, u != null, r != null && r.inOutage(), lastUpload, failing,
        u != null && u.authRefused(), oldestWaitingAgeS(now), evictedAgeS(now), clockSynced.getAsBoolean(),
        (now - startNanos) / 1e9, system.cpuCelsius(), underVoltage.getAsBoolean());
  }

  private OptionalDouble oldestWaitingAgeS(long now) {
    // Each camera's first waiting segment is its oldest: the rest of a long backlog need not be read.
    double oldest = spool.read(cams -> {
      double o = -1;
      for (var m : cams.values()) {
        if (!m.isEmpty()) {
          SegmentInfo s = m.firstEntry().getValue();
          // Monotonic times compare only within one boot; footage from before a reboot goes by the wall clock.
          double age = s.bootId().equals(bootId) ? (now - s.endMonoNanos()) / 1e9
              : (System.currentTimeMillis() - s.endWallMillis()) / 1000.0;
          o = Math.max(o, age);
        }
      }
      return o;
    });
    return oldest > LIVE_S ? OptionalDouble.of(oldest) : OptionalDouble.empty();
  }

  private OptionalDouble evictedAgeS(long now) {
    long at = evictedAtNanos;
    return at == Long.MIN_VALUE ? OptionalDouble.empty() : OptionalDouble.of((now - at) / 1e9);
  }
}
