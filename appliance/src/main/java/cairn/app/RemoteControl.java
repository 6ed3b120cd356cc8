package cairn.app;

import cairn.capture.CameraCapture;
import cairn.capture.Frame;
import cairn.config.CairnConfig;
import cairn.config.ConfigSchema;
import cairn.config.ConfigValues;
import cairn.encode.EncodingTarget;
import cairn.encode.JpegEncoder;
import cairn.encode.TargetPin;
import cairn.health.Board;
import cairn.health.CameraHealth;
import cairn.health.Health;
import cairn.health.RateMeter;
import cairn.health.SystemProbe;
import cairn.mqtt.DeviceControl;
import cairn.mqtt.Snapshot;
import cairn.spool.Spool;
import cairn.time.Ticker;
import cairn.uplink.DataBudget;
import cairn.uplink.Uplink;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The appliance as MQTT sees it: what commands may do ({@link DeviceControl}) and the figures health
 * reports. Keys of the {@code encoder}, {@code analysis} and {@code segment} sections are taken live
 * by restarting the camera pipelines (each closes its segment and opens anew with the new config);
 * everything else waits for a restart of Cairn.
 */
final class RemoteControl implements DeviceControl {
  private static final Logger LOG = Logger.getLogger(RemoteControl.class.getName());
  private static final Set<String> PIPELINE_SECTIONS = Set.of("encoder", "analysis", "segment");

  private final Supplier<CairnConfig> config;
  private final Consumer<CairnConfig> replaceConfig;
  private final List<CameraRunner> runners;
  private final Map<String, TargetPin> pins;
  private final Map<String, SegmentKeeper> keepers;
  private final Spool spool;
  private final SystemProbe probe;
  private final Ticker ticker;
  private final long startNanos;
  private final Supplier<Optional<Uplink>> uplink;
  private final Supplier<Optional<Health.Link>> link;
  private final Supplier<Optional<Board>> board;
  private final DataBudget budget;
  private final RateMeter uplinkRate;
  private final Updates updates;
  private final Supplier<String> onTrial;
  private final Map<String, RateMeter[]> rates = new HashMap<>();

  RemoteControl(Supplier<CairnConfig> config, Consumer<CairnConfig> replaceConfig, List<CameraRunner> runners,
      Map<String, TargetPin> pins, Map<String, SegmentKeeper> keepers, Spool spool,
      Supplier<Optional<Uplink>> uplink, Supplier<Optional<Health.Link>> link, Supplier<Optional<Board>> board,
      DataBudget budget, SystemProbe probe, Ticker ticker, long startNanos, Updates updates,
      Supplier<String> onTrial) {
    this.updates = updates;
    this.onTrial = onTrial;
    this.link = link;
    this.board = board;
    this.budget = budget;
    this.config = config;
    this.replaceConfig = replaceConfig;
    this.runners = runners;
    this.pins = pins;
    this.keepers = keepers;
    this.spool = spool;
    this.uplink = uplink;
    this.uplinkRate = new RateMeter(ticker, 0);
    this.probe = probe;
    this.ticker = ticker;
    this.startNanos = startNanos;
    for (CameraRunner r : runners) {
      rates.put(r.capture().camera(), new RateMeter[] {new RateMeter(ticker, 0), new RateMeter(ticker, 0)});
    }
  }

  @Override
  public List<String> cameras() {
    return runners.stream().map(r -> r.capture().camera()).toList();
  }

  @Override
  public Optional<Snapshot> snapshot(String camera, int maxBytes) throws IOException {
    Optional<Frame> frame = runner(camera).map(CameraRunner::latestFrame);
    if (frame.isEmpty()) {
      return Optional.empty();
    }
    Frame f = frame.get();
    JpegEncoder.Jpeg jpeg = JpegEncoder.encode(f, maxBytes);
    return Optional.of(new Snapshot(jpeg.bytes(), jpeg.width(), jpeg.height(), jpeg.qscale(), f.wallMillis()));
  }

  @Override
  public void restartPipeline(String camera) {
    runner(camera).ifPresent(CameraRunner::restartPipeline);
  }

  @Override
  public void pinTarget(String camera, EncodingTarget target, Duration duration) {
    TargetPin pin = pins.get(camera);
    if (pin != null) {
      pin.pin(target, duration);
      LOG.info("camera " + camera + ": " + (duration.isZero() ? "rate pin lifted" : "rate pinned to " + target
          + " for " + duration.toMinutes() + " min"));
    }
  }

  @Override
  public ConfigValues config() {
    return config.get().values();
  }

  @Override
  public Set<String> reconfigure(CairnConfig next, Set<String> changed) {
    Set<String> live = new TreeSet<>();
    for (String key : changed) {
      if (PIPELINE_SECTIONS.contains(key.substring(0, key.indexOf('.')))) {
        live.add(key);
      }
    }
    if (changed.contains(ConfigSchema.UPLINK_DATA_BUDGET.path())) {
      // Raising the plan resumes sending at once; no restart needed.
      budget.setBudget(next.budget().bytes());
      live.add(ConfigSchema.UPLINK_DATA_BUDGET.path());
    }
    replaceConfig.accept(next);
    if (live.stream().anyMatch(k -> PIPELINE_SECTIONS.contains(k.substring(0, k.indexOf('.'))))) {
      runners.forEach(CameraRunner::restartPipeline);
    }
    return live;
  }

  @Override
  public Optional<Integer> sendClipFirst(String camera, java.time.Instant from, java.time.Instant to) {
    return uplink.get().map(u -> u.sendFirst(camera, from.toEpochMilli(), to.toEpochMilli()));
  }

  @Override
  public Optional<String> uploadSnapshot(String camera, byte[] jpeg) {
    return uplink.get().map(u -> cairn.config.Redact.url(u.sendSnapshot(camera, jpeg).toString()));
  }

  @Override
  public void reboot() throws IOException {
    String command = config.get().values().get(ConfigSchema.SYSTEM_REBOOT_COMMAND);
    LOG.warning("rebooting: " + command);
    new ProcessBuilder(command.strip().split("\\s+")).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** A health snapshot. Frame rates are averaged since the previous call: call it from one place. */
  synchronized Health health() {
    long now = ticker.nanos();
    Spool.Stats st = spool.stats();
    long oldestAge = st.oldestStartWallMillis() > 0
        ? Math.max(0, (System.currentTimeMillis() - st.oldestStartWallMillis()) / 1000) : 0;
    List<CameraHealth> cams = new ArrayList<>();
    for (CameraRunner r : runners) {
      CameraCapture c = r.capture();
      CameraPipeline p = r.pipeline();
      long kept = p == null ? 0 : p.framesKept();
      RateMeter[] m = rates.computeIfAbsent(c.camera(), k -> new RateMeter[] {
          new RateMeter(ticker, c.captured()), new RateMeter(ticker, kept)});
      long last = keepers.get(c.camera()).storedNanos();
      TargetPin pin = pins.get(c.camera());
      cams.add(new CameraHealth(c.camera(), c.status().name().toLowerCase(Locale.ROOT), m[0].rate(c.captured()),
          m[1].rate(kept), pin == null ? config.get().encoder().maxKbps() : pin.effective().maxKbps(),
          last < 0 ? OptionalLong.empty() : OptionalLong.of((now - last) / 1_000_000_000L),
          p != null && p.inMotion()));
    }
    Optional<Health.Upload> upload = uplink.get().map(Uplink::stats).map(u -> new Health.Upload(
        Math.round(uplinkRate.rate(u.bytesSent()) * 8 / 100.0) / 10.0, u.failures(), u.lastSuccessWallMillis() == 0
            ? OptionalLong.empty()
            : OptionalLong.of(Math.max(0, (System.currentTimeMillis() - u.lastSuccessWallMillis()) / 1000))));
    return new Health(Appliance.VERSION, (now - startNanos) / 1_000_000_000L, probe.cpuCelsius(), probe.load1(),
        probe.memAvailableMb(), probe.memTotalMb(), probe.jvmUsedMb(), probe.diskFreeMb(),
        new Health.Backlog(st.bytes(), st.segments(), oldestAge, storageFault()), upload, link.get(), cams, board.get(),
        budgetHealth(), Optional.of(updates.health(onTrial.get())));
  }

  @Override
  public String startUpdate(Optional<String> manifestUrl) {
    return updates.request(manifestUrl);
  }

  /** Why the spool cannot store, for the first camera that has the problem; empty when all is well. */
  private String storageFault() {
    return keepers.values().stream().map(SegmentKeeper::fault).filter(f -> !f.isEmpty()).findFirst().orElse("");
  }

  private Optional<Health.Budget> budgetHealth() {
    Map<String, Object> b = budget.status();
    if (b.get("state").equals("off") && uplink.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Health.Budget((String) b.get("state"), (Long) b.get("spent_bytes"),
        (Long) b.get("budget_bytes"), (Long) b.get("projected_bytes"), (String) b.get("renews")));
  }

  private Optional<CameraRunner> runner(String camera) {
    return runners.stream().filter(r -> r.capture().camera().equals(camera)).findFirst();
  }
}
