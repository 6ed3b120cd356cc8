package cairn.app;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.capture.CameraCapture;
import cairn.ota.device.DeviceLayout;
import cairn.ota.device.Releases;
import cairn.ota.device.Trial;
import cairn.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Commits a release on trial once the box is healthy on its own, whatever the link does: every camera delivers
 * frames, every camera's segments reach the spool, and every critical stage checks in (what feeds the watchdog),
 * without a break for {@code ota.healthy_for}. It also reports, once, a rollback cairn-run made before this start
 * ({@code DATA/ota/rolled-back}).
 *
 * <p>Called from housekeeping every few seconds; not thread-safe otherwise.
 */
final class TrialWatch {
  private static final Logger LOG = Logger.getLogger(TrialWatch.class.getName());

  private final Releases releases;
  private final Trial trial;
  private final List<CameraRunner> runners;
  private final Map<String, SegmentKeeper> keepers;
  private final BooleanSupplier stagesHealthy;
  private final EventBus bus;
  private final Ticker ticker;
  private final long healthyForNanos;
  private final long segmentAgeNanos;
  private final Updates updates;
  private final Map<String, Long> framesSeen = new LinkedHashMap<>();
  private Optional<String> onTrial = Optional.empty();
  private long healthySince = -1;
  private final long startNanos;

  TrialWatch(Releases releases, List<CameraRunner> runners, Map<String, SegmentKeeper> keepers,
      BooleanSupplier stagesHealthy, EventBus bus, Ticker ticker, double healthyForS, double longestSegmentS,
      Updates updates) {
    this.releases = releases;
    this.trial = new Trial(releases);
    this.runners = runners;
    this.keepers = keepers;
    this.stagesHealthy = stagesHealthy;
    this.bus = bus;
    this.ticker = ticker;
    this.healthyForNanos = (long) (healthyForS * 1e9);
    this.segmentAgeNanos = (long) ((2 * longestSegmentS + 5) * 1e9);
    this.updates = updates;
    this.startNanos = ticker.nanos();
  }

  /** At start: what cairn-run decided, told once. */
  void begin() throws IOException {
    onTrial = trial.running();
    onTrial.ifPresent(v -> LOG.info("release " + v + " is on trial: it commits after every camera, the spool and"
        + " every critical stage are fine for " + healthyForNanos / 1_000_000_000L + " s"));
    DeviceLayout layout = releases.layout();
    if (Files.exists(layout.rolledBack())) {
      Map<String, String> f = fields(Files.readString(layout.rolledBack()).strip());
      bus.publish(Event.of("ota_rolled_back", Instant.now(), "version", f.getOrDefault("version", "?"), "reason",
          f.getOrDefault("reason", "?"), "running", releases.runningName()));
      updates.outcome("rolled_back " + f.getOrDefault("version", "?") + " " + f.getOrDefault("reason", "?"));
      Files.delete(layout.rolledBack());
    }
  }

  String onTrial() {
    return onTrial.orElse("");
  }

  void check() throws IOException {
    if (onTrial.isEmpty()) {
      return;
    }
    long now = ticker.nanos();
    if (!healthy(now)) {
      healthySince = -1;
      return;
    }
    if (healthySince < 0) {
      healthySince = now;
    }
    if (now - healthySince >= healthyForNanos) {
      String version = onTrial.get();
      trial.commit();
      onTrial = Optional.empty();
      long trialS = (now - startNanos) / 1_000_000_000L;
      LOG.info("release " + version + " committed after " + trialS + " s on trial");
      updates.outcome("committed " + version);
      bus.publish(Event.of("ota_committed", Instant.now(), "version", version, "trial_s", trialS));
    }
  }

  private boolean healthy(long now) {
    if (!stagesHealthy.getAsBoolean() || runners.isEmpty()) {
      return false;
    }
    for (CameraRunner r : runners) {
      CameraCapture c = r.capture();
      long frames = c.captured();
      Long before = framesSeen.put(c.camera(), frames);
      long stored = keepers.get(c.camera()).storedNanos();
      if (c.status() != CameraCapture.Status.RUNNING || before == null || frames <= before
          || stored < 0 || now - stored > segmentAgeNanos) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> fields(String line) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : line.split(" ")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        m.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return m;
  }
}
