package cairn.app;

import cairn.base.RateLimitedLog;
import cairn.bus.EventBus;
import cairn.bus.HeldEvents;
import cairn.bus.Topic;
import cairn.capture.CameraCapture;
import cairn.capture.Frame;
import cairn.capture.FfmpegSource;
import cairn.capture.FrameQueue;
import cairn.capture.FrameSource;
import cairn.capture.TestPatternSource;
import cairn.config.CairnConfig;
import cairn.config.CameraConfig;
import cairn.config.ConfigSchema;
import cairn.config.Redact;
import cairn.config.RemoteOverrides;
import cairn.encode.EncodingTarget;
import cairn.encode.H264Encoder;
import cairn.encode.JpegEncoder;
import cairn.encode.KeyFrameRequester;
import cairn.encode.TargetPin;
import cairn.hardware.board.ThrottlingReader;
import cairn.hardware.modem.ModemSettings;
import cairn.hardware.watchdog.WatchdogKickInterval;
import cairn.hardware.watchdog.Watchdogs;
import cairn.health.Board;
import cairn.health.BoxState;
import cairn.health.SystemProbe;
import cairn.link.LinkMonitor;
import cairn.link.ModemWatch;
import cairn.mqtt.MqttService;
import cairn.ota.device.DeviceLayout;
import cairn.ota.device.Releases;
import cairn.mqtt.MqttSettings;
import cairn.rate.RateController;
import cairn.rate.RateLog;
import cairn.rate.RateLoop;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import cairn.spool.StorageCheck;
import cairn.spool.StorageUnusable;
import cairn.supervise.StageReport;
import cairn.supervise.StageState;
import cairn.supervise.Supervisor;
import cairn.time.ClockSync;
import cairn.time.SystemClock;
import cairn.time.Ticker;
import cairn.uplink.DataBudget;
import cairn.uplink.Uplink;
import cairn.uplink.UplinkStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The running firmware: wires every stage of every camera and owns their lifetimes. */
public final class Appliance {
  private static final Logger LOG = Logger.getLogger(Appliance.class.getName());
  /** A heartbeat snapshot is a glance at the scene, not a picture to study. */
  private static final int HEARTBEAT_JPEG_BYTES = 30_000;
  /** The running release's version (its release.manifest), else the jar's, else "dev": {@link ReleaseVersion}. */
  public static final String VERSION = ReleaseVersion.of(Appliance.class);

  /** Replaced when a remote {@code set} changes keys the pipelines read; new pipelines take the new one. */
  private volatile CairnConfig config;
  private final RemoteOverrides remote;
  private final Map<String, TargetPin> pins = new ConcurrentHashMap<>();
  private final Map<String, SegmentKeeper> keepers = new ConcurrentHashMap<>();
  private MqttService mqtt;
  private final EventBus bus = new EventBus();
  /** Events from before MQTT started (a camera lost at start) wait here for it. */
  private final HeldEvents toMqtt = new HeldEvents();
  private final Ticker ticker = Ticker.system();
  private final ClockSync clock = ClockSync.system();
  private final String bootId = BootId.read();
  private final long startNanos = ticker.nanos();
  private final SystemClock time = new SystemClock();
  private final Supervisor supervisor = new Supervisor(time, RandomGenerator.getDefault());
  private final Topic<BoxState> boxState = new Topic<>("box state");
  private final LedStartup leds = new LedStartup();
  private BoardProbe board;
  private Optional<StatusPage> statusPage = Optional.empty();
  private BoxStateProbe boxProbe;
  private final BoxWatchdog watchdog = new BoxWatchdog(Watchdogs.fromEnvironment(System.getenv()),
      WatchdogKickInterval.fromThisProcess(), supervisor::criticalHealthy, supervisor::summary);
  // Read by encoder threads (key frame requests) while start() still adds cameras.
  private final List<CameraRunner> runners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "housekeeping");
    t.setDaemon(true);
    return t;
  });
  private Spool spool;
  private volatile Uplink uplink;
  private RateLoop rate;
  private DataBudget budget;
  private long lastHeartbeatNanos;
  private StatusFile statusFile;
  private boolean clockWasSynced;
  private DataDirLock lock;
  private Updates updates;
  private TrialWatch trialWatch;
  private final RateLimitedLog statusFailures = new RateLimitedLog(LOG, 60);
  /** MPEG-TS packs 184 bytes of payload into each 188, plus tables and headers. */
  private static final double TS_OVERHEAD = 1.1;

  public Appliance(CairnConfig config) {
    this(config, new RemoteOverrides(Optional.empty(), List.of(), config.storage().dir()));
  }

  /** @param remote where settings changed over MQTT are validated and kept */
  public Appliance(CairnConfig config, RemoteOverrides remote) {
    this.config = config;
    this.remote = remote;
  }

  /**
   * Claims the data folder and starts every stage.
   *
   * @throws StartFailure when the data folder is unusable or taken, before anything has started
   */
  public void start() throws IOException, StartFailure {
    Path data = config.storage().dir();
    claim(data);
    long minFree = StorageCheck.workableMinFree(data, config.storage().minFreeBytes(), LOG::warning);
    try {
      spool = Spool.open(data.resolve("spool"), config.storage().quotaBytes(), minFree, bus);
    } catch (IOException e) {
      throw new StartFailure(StartFailure.STORAGE, "storage error: storage.dir " + data + ": the spool cannot be opened ("
          + e.getMessage() + ")");
    }
    statusFile = new StatusFile(data.resolve("status.json"));
    bus.subscribe(e -> LOG.info("event " + e));
    bus.subscribe(toMqtt);
    clockWasSynced = clock.getAsBoolean();
    leds.start(supervisor, time, boxState);
    board = new BoardProbe(SystemProbe.of(data), ThrottlingReader.forThisMachine(), Path.of("/proc/uptime"), data);
    H264Encoder.preload();
    budget = new DataBudget(config.budget(), InstantSource.system(), data.resolve("uplink").resolve("budget.json"), bus);
    LinkMonitor monitor = new LinkMonitor();
    for (CameraConfig cam : config.cameras()) {
      pins.put(cam.name(), new TargetPin(() -> new EncodingTarget(config.encoder().maxKbps(), 0, 0, 0), ticker));
    }
    if (config.uplink().enabled()) {
      // Before the cameras start, so that their first encoder opens at the controller's rate.
      rate = rateLoop(monitor, data);
    }
    EncoderFaults faults = EncoderFaults.fromSystemProperties(startNanos);
    for (CameraConfig cam : config.cameras()) {
      FrameQueue queue = new FrameQueue(cam.queueFrames());
      CameraCapture capture = new CameraCapture(cam.name(), () -> source(cam), queue, bus, ticker);
      TargetPin pin = pins.get(cam.name());
      SegmentKeeper keeper = new SegmentKeeper(cam.name(), spool, () -> requestKeyFrame(cam.name()), bus, ticker);
      keepers.put(cam.name(), keeper);
      Supplier<CameraPipeline> pipelines = () -> pin.attach(Pipelines.create(cam.name(), config, nominalFps(cam), bootId,
          keeper, clock, bus));
      CameraRunner runner = new CameraRunner(cam.name(), capture, queue, pipelines, ticker, faults);
      runners.add(runner);
      supervisor.add("encode-" + cam.name(), Supervision.ENCODER, runner);
      supervisor.add("capture-" + cam.name(), Supervision.capture(cam), capture);
    }
    if (config.uplink().enabled()) {
      Map<String, KeyFrameRequester> keyFrames = new LinkedHashMap<>();
      for (CameraRunner r : runners) {
        keyFrames.put(r.capture().camera(), () -> requestKeyFrame(r.capture().camera()));
      }
      uplink = new Uplink(config.uplink(), config.deviceId(), bootId, spool, ticker, data.resolve("uplink"),
          keyFrames, sample -> monitor.record(sample, ticker.nanos()), budget, new cairn.uplink.LinkEstimate() {
            @Override
            public java.util.OptionalDouble kbps(long nowNanos) {
              return monitor.estimateKbps(nowNanos);
            }

            @Override
            public long roundTripNanos() {
              return monitor.roundTripNanos();
            }
          });
      supervisor.add("uplink", Supervision.uplink(config.uplink()), uplink);
      rate.startModemWatch(config.link().intervalS());
      supervisor.add("rate", Supervision.RATE, rate);
    }
    Releases releases = new Releases(new DeviceLayout(data,
        Path.of(System.getProperty("cairn.factory", "/opt/cairn/factory"))));
    updates = new Updates(() -> config.values(), releases, bus, budget, Appliance::exitForUpdate);
    trialWatch = new TrialWatch(releases, LocalHealth.of(runners, keepers, supervisor::criticalHealthy,
        largestSegmentSeconds()), bus, ticker, config.values().get(ConfigSchema.OTA_HEALTHY_FOR), updates::outcome);
    startMqtt(data);
    trialWatch.begin();
    updates.startPolling(housekeeping);
    supervisor.startChecks(Duration.ofSeconds(1));
    boxProbe = new BoxStateProbe(runners, spool, () -> uplink, () -> rate, clock, SystemProbe.of(data),
        board::underVoltageNow, ticker, startNanos, bootId);
    bus.subscribe(boxProbe::event);
    bus.subscribe(e -> {
      if (SegmentKeeper.isStorageFault(e)) {
        board.spoolWriteFailed();
      }
    });
    housekeeping.scheduleAtFixedRate(() -> boxState.publish(boxProbe.inputs().state()), 0, 1, TimeUnit.SECONDS);
    statusPage = StatusPage.start(config.values(), () -> StatusPageHtml.render(status(), leds.patterns(), Instant.now()),
        this::picture);
    // At once too, so that nobody reads a previous run's status during the first interval.
    housekeeping.scheduleAtFixedRate(this::housekeep, 0, 5, TimeUnit.SECONDS);
    LOG.info("cairn " + VERSION + " running: device " + config.deviceId() + ", " + runners.size()
        + " camera(s), spool " + data.resolve("spool") + ", "
        + (uplink == null ? "no uplink" : "uploading to " + Redact.url(config.uplink().url())));
    watchdog.ready();
  }

  /** A camera's latest frame as JPEG, for the status page. */
  private Optional<byte[]> picture(String camera) {
    for (CameraRunner r : runners) {
      Frame f = r.latestFrame();
      if (r.camera().equals(camera) && f != null) {
        try {
          return Optional.of(JpegEncoder.encode(f, StatusPage.pictureMaxBytes()).bytes());
        } catch (IOException e) {
          LOG.fine(() -> "no picture of " + camera + ": " + e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  private void claim(Path data) throws IOException, StartFailure {
    try {
      StorageCheck.check(data, largestSegmentBytes());
      lock = DataDirLock.acquire(data);
    } catch (StorageUnusable e) {
      throw new StartFailure(StartFailure.STORAGE, e.getMessage());
    } catch (DataDirLock.InUse e) {
      throw new StartFailure(StartFailure.IN_USE, e.getMessage());
    }
  }

  /** The most one segment takes at the cap: its longest length at the encoder's top rate, plus MPEG-TS overhead. */
  private long largestSegmentBytes() {
    return (long) (config.encoder().maxKbps() * 125.0 * largestSegmentSeconds() * TS_OVERHEAD);
  }

  private double largestSegmentSeconds() {
    return Pipelines.live(config) ? config.rate().segmentSeconds() : config.segment().idleSeconds();
  }

  /** After an update switched {@code current}: a clean stop, and cairn-run (systemd) starts the new release. */
  private static void exitForUpdate() {
    new Thread(() -> System.exit(0), "exit-for-update").start();
  }

  private void requestKeyFrame(String camera) {
    for (CameraRunner r : runners) {
      CameraPipeline p = r.pipeline();
      if (p != null && r.capture().camera().equals(camera)) {
        p.requestKeyFrame();
      }
    }
  }

  private RateLoop rateLoop(LinkMonitor monitor, Path data) {
    List<RateController.Camera> cams = config.cameras().stream()
        .map(c -> new RateController.Camera(c.name(), c.ladder(), c.weight())).toList();
    Optional<ModemWatch> modem = Optional.empty();
    CairnConfig.LinkConfig link = config.link();
    if (!link.modem().equals("none")) {
      ModemSettings ms = ModemSettings.fromKeys(Map.of(ModemSettings.KIND_KEY, link.modem(), ModemSettings.URL_KEY,
          link.modemUrl(), ModemSettings.PORT_KEY, link.modemPort(), ModemSettings.MMCLI_KEY, link.mmcli()));
      modem = Optional.of(new ModemWatch(ms.reader(InstantSource.system())));
      LOG.info("asking " + modem.get().describe() + " about the link every " + link.intervalS() + " s");
    }
    RateLoop loop = new RateLoop(cams, config.rate().fixedKbps(), config.rate().backfillShare(), monitor, modem,
        this::waiting, pins, bus, new RateLog(data.resolve("rate.jsonl")), ticker);
    loop.capBy(budget::capKbps);
    loop.begin();
    return loop;
  }

  /**
   * What waits in the spool to be sent, as the uplink's send order counts it: this run's segments young enough to go
   * live, and the backlog; what the data budget holds back is not waiting (no outage, no share kept for it).
   */
  private RateLoop.Queue waiting(long now) {
    Uplink u = uplink;
    if (u == null || !budget.segmentsAllowed()) {
      return new RateLoop.Queue(0, 0);
    }
    cairn.spool.SendOrder.Waiting w = u.order().waiting(now);
    return new RateLoop.Queue(w.liveBytes(), budget.backlogAllowed() ? w.backlogBytes() : 0);
  }

  private void startMqtt(Path data) throws IOException {
    MqttSettings settings = MqttSettings.from(config);
    if (!settings.enabled()) {
      toMqtt.attach(e -> { });
      return;
    }
    RemoteControl control = new RemoteControl(() -> config, c -> config = c, runners, pins, keepers, spool,
        () -> Optional.ofNullable(uplink), () -> Optional.ofNullable(rate).map(LinkHealth::of),
        () -> Optional.of(board.read()), budget, SystemProbe.of(data), ticker, startNanos, updates,
        trialWatch::onTrial);
    mqtt = new MqttService(settings, data, control, remote, control::health, VERSION, InstantSource.system(), clock);
    mqtt.countWireBytes(budget::add);
    mqtt.start();
    supervisor.add("mqtt", Supervision.MQTT, new ThreadProbe(mqtt::onLinkThread, Supervision.PROBE_PERIOD));
    toMqtt.attach(mqtt::event);
  }

  private FrameSource source(CameraConfig cam) {
    if (cam.kind() == CameraConfig.Kind.TESTSRC) {
      return new TestPatternSource(cam.name(), cam.width(), cam.height(), cam.fps(),
          TestPatternSource.Pattern.valueOf(cam.pattern().toUpperCase(Locale.ROOT)), ticker);
    }
    return new FfmpegSource(cam, ticker);
  }

  private static double nominalFps(CameraConfig cam) {
    return cam.fps() > 0 ? cam.fps() : 25;
  }

  private void housekeep() {
    try {
      if (!clockWasSynced && clock.getAsBoolean()) {
        clockWasSynced = true;
        long offset = System.currentTimeMillis() - ticker.nanos() / 1_000_000;
        int n = spool.correctWallClock(bootId, offset);
        LOG.info("wall clock synchronised; corrected " + n + " segment(s) recorded before");
      }
      pins.values().forEach(TargetPin::expire);
      trialWatch.check();
      budget.save();
      heartbeatIfSpent();
      statusFile.write(status());
    } catch (IOException e) {
      // A read-only or full data partition: the keepers report it; here once a minute is enough.
      statusFailures.warn(() -> "could not write status.json: " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "housekeeping failed", e);
    }
  }

  /** With the budget spent, a snapshot of each camera every uplink.heartbeat_interval: the box is alive, this is the scene. */
  private void heartbeatIfSpent() throws IOException {
    long now = ticker.nanos();
    if (uplink == null || budget.segmentsAllowed()
        || now - lastHeartbeatNanos < (long) (config.budget().heartbeatS() * 1e9) && lastHeartbeatNanos != 0) {
      return;
    }
    lastHeartbeatNanos = now;
    for (CameraRunner r : runners) {
      Frame f = r.latestFrame();
      if (f != null) {
        uplink.sendSnapshot(r.capture().camera(), JpegEncoder.encode(f, HEARTBEAT_JPEG_BYTES).bytes());
      }
    }
  }

  Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("version", VERSION);
    s.put("device", config.deviceId());
    s.put("boot_id", bootId);
    s.put("uptime_s", (ticker.nanos() - startNanos) / 1_000_000_000L);
    s.put("clock_synced", clock.getAsBoolean());
    Spool.Stats st = spool.stats();
    s.put("spool", Map.of("bytes", st.bytes(), "segments", st.segments(), "oldest_wall_ms", st.oldestStartWallMillis()));
    Map<String, Object> cams = new LinkedHashMap<>();
    for (CameraRunner r : runners) {
      CameraCapture c = r.capture();
      CameraPipeline p = r.pipeline();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", c.status().name().toLowerCase(Locale.ROOT));
      m.put("captured", c.captured());
      m.put("dropped_at_capture", c.dropped());
      m.put("max_capture_gap_ms", c.maxGapNanos() / 1_000_000.0);
      m.put("reconnects", c.reconnects());
      m.put("last_error", c.lastError());
      SegmentKeeper k = keepers.get(c.camera());
      m.put("storage_error", k.fault());
      m.put("segments_dropped", k.dropped());
      if (p != null) {
        m.put("frames_in", p.framesIn());
        m.put("frames_kept", p.framesKept());
        m.put("key_frames", p.keyFrames());
        m.put("motion", p.inMotion());
      }
      cams.put(r.capture().camera(), m);
    }
    s.put("cameras", cams);
    s.put("stages", stages());
    if (board != null) {
      s.put("board", boardStatus(board.read()));
    }
    if (uplink != null) {
      UplinkStats u = uplink.stats();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("segments_sent", u.segmentsSent());
      m.put("bytes_sent", u.bytesSent());
      m.put("live_sent", u.liveSent());
      m.put("failures", u.failures());
      m.put("last_error", u.lastError());
      m.put("last_success_wall_ms", u.lastSuccessWallMillis());
      s.put("uplink", m);
    }
    if (rate != null) {
      s.put("rate", rate.status());
    }
    s.put("budget", budget.status());
    return s;
  }

  private static Map<String, Object> boardStatus(Board b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu_celsius", b.cpuCelsius().isPresent() ? b.cpuCelsius().getAsDouble() : null);
    m.put("throttling", b.throttlingKnown() ? b.throttling() : null);
    m.put("under_voltage", b.underVoltageNow());
    m.put("system_uptime_s", b.systemUptimeS());
    m.put("last_stop", b.lastStop());
    m.put("spool_write_errors", b.spoolWriteErrors());
    m.put("disk_free_mb", b.diskFreeMb());
    return m;
  }

  private List<Map<String, Object>> stages() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (StageReport r : supervisor.reports()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("state", r.state().name().toLowerCase(Locale.ROOT));
      m.put("critical", r.critical());
      m.put("restarts", r.restarts());
      m.put("last_failure", r.lastFailure());
      out.add(m);
    }
    return out;
  }

  /** True once every camera has ended by itself (files that do not loop). */
  public boolean allEnded() {
    return runners.stream().map(r -> supervisor.state("encode-" + r.camera()))
        .allMatch(st -> st == StageState.ENDED || st == StageState.STOPPED);
  }

  public void stop() {
    watchdog.stopping();
    statusPage.ifPresent(StatusPage::close);
    housekeeping.shutdownNow();
    if (updates != null) {
      updates.close();
    }
    supervisor.stopChecks();
    if (spool == null) {
      return; // never started: nothing to close
    }
    if (rate != null) {
      supervisor.stop("rate", Duration.ofSeconds(2));
      rate.close();
    }
    if (uplink != null) {
      supervisor.stop("uplink", Duration.ofSeconds(5));
      if (supervisor.state("uplink") == StageState.STOPPED) {
        uplink.flushPlaylists();
      }
    }
    for (CameraRunner r : runners) {
      // Capture first: the encoder then encodes what is queued and closes the last segment.
      supervisor.stop("capture-" + r.camera(), Duration.ofSeconds(5));
      supervisor.stop("encode-" + r.camera(), Duration.ofSeconds(15));
    }
    if (mqtt != null) {
      supervisor.stop("mqtt", Duration.ofSeconds(1));
      mqtt.stop();
    }
    supervisor.stop("leds", Duration.ofSeconds(1));
    leds.close();
    try {
      if (statusFile != null) {
        statusFile.write(status());
      }
    } catch (IOException e) {
      LOG.warning("could not write the final status: " + e.getMessage());
    }
    try {
      if (lock != null) {
        lock.release();
      }
    } catch (IOException e) {
      LOG.warning("could not release " + DataDirLock.FILE + ": " + e.getMessage());
    }
    LOG.info("cairn stopped");
  }
}
