package cairn.app;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.ota.device.DeviceLayout;
import cairn.ota.device.Releases;
import cairn.ota.device.Trial;
import cairn.time.Ticker;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Commits a release on trial once the box is healthy on its own ({@link LocalHealth}: cameras deliver frames, segments
 * reach the spool, critical stages check in), whatever the link does, without a break for {@code ota.healthy_for}. It also reports, once, a rollback cairn-run made before this start
 * ({@code DATA/ota/rolled-back}).
 *
 * <p>Called from housekeeping every few seconds; not thread-safe otherwise.
 */
final class TrialWatch {
  private static final Logger LOG = Logger.getLogger(TrialWatch.class.getName());

  private final Releases releases;
  private final Trial trial;
  private final LocalHealth health;
  private final EventBus bus;
  private final Ticker ticker;
  private final long healthyForNanos;
  private final Consumer<String> outcomes;
  private Optional<String> onTrial = Optional.empty();
  private long healthySince = -1;
  private final long startNanos;

  /** @param outcomes told "committed VERSION" or "rolled_back VERSION REASON" (the updater's last outcome) */
  TrialWatch(Releases releases, LocalHealth health, EventBus bus, Ticker ticker, double healthyForS,
      Consumer<String> outcomes) {
    this.releases = releases;
    this.trial = new Trial(releases);
    this.health = health;
    this.bus = bus;
    this.ticker = ticker;
    this.healthyForNanos = (long) (healthyForS * 1e9);
    this.outcomes = outcomes;
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
      outcomes.accept("rolled_back " + f.getOrDefault("version", "?") + " " + f.getOrDefault("reason", "?"));
      Files.delete(layout.rolledBack());
    }
    int emptied = trial.emptyBad();
    if (emptied > 0) {
      LOG.info("removed the files of " + emptied + " release(s) that failed their trial (their BAD marks stay)");
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
    if (!health.healthy(now)) {
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
      outcomes.accept("committed " + version);
      bus.publish(Event.of("ota_committed", Instant.now(), "version", version, "trial_s", trialS));
    }
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
