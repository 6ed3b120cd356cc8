package cairn.app;

import cairn.bus.EventBus;
import cairn.capture.CameraCapture;
import cairn.capture.Frame;
import cairn.capture.FfmpegSource;
import cairn.capture.FrameQueue;
import cairn.capture.FrameSource;
import cairn.capture.TestPatternSource;
import cairn.config.CairnConfig;
import cairn.config.CameraConfig;
import cairn.config.Redact;
import cairn.config.RemoteOverrides;
import cairn.encode.EncodingTarget;
import cairn.encode.H264Encoder;
import cairn.encode.JpegEncoder;
import cairn.encode.KeyFrameRequester;
import cairn.encode.TargetPin;
import cairn.hardware.modem.ModemSettings;
import cairn.health.SystemProbe;
import cairn.link.LinkMonitor;
import cairn.link.ModemWatch;
import cairn.mqtt.MqttService;
import cairn.mqtt.MqttSettings;
import cairn.rate.RateController;
import cairn.rate.RateLog;
import cairn.rate.RateLoop;
import cairn.segment.SegmentInfo;
import cairn.segment.SegmentSink;
import cairn.spool.Spool;
import cairn.time.ClockSync;
import cairn.time.Ticker;
import cairn.uplink.DataBudget;
import cairn.uplink.Uplink;
import cairn.uplink.UplinkStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The running firmware: wires every stage of every camera and owns their lifetimes. */
public final class Appliance {
  private static final Logger LOG = Logger.getLogger(Appliance.class.getName());
  /** A heartbeat snapshot is a glance at the scene, not a picture to study. */
  private static final int HEARTBEAT_JPEG_BYTES = 30_000;
  public static final String VERSION = Appliance.class.getPackage().getImplementationVersion() == null
      ? "dev" : Appliance.class.getPackage().getImplementationVersion();

  /** Replaced when a remote {@code set} changes keys the pipelines read; new pipelines take the new one. */
  private volatile CairnConfig config;
  private final RemoteOverrides remote;
  private final Map<String, TargetPin> pins = new ConcurrentHashMap<>();
  private final Map<String, Long> lastSegmentNanos = new ConcurrentHashMap<>();
  private MqttService mqtt;
  private final EventBus bus = new EventBus();
  private final Ticker ticker = Ticker.system();
  private final ClockSync clock = ClockSync.system();
  private final String bootId = BootId.read();
  private final long startNanos = ticker.nanos();
  private final List<CameraRunner> runners = new ArrayList<>();
  private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "housekeeping");
    t.setDaemon(true);
    return t;
  });
  private Spool spool;
  private Uplink uplink;
  private RateLoop rate;
  private DataBudget budget;
  private long lastHeartbeatNanos;
  private StatusFile statusFile;
  private boolean clockWasSynced;

  public Appliance(CairnConfig config) {
    this(config, new RemoteOverrides(Optional.empty(), List.of(), config.storage().dir()));
  }

  /** @param remote where settings changed over MQTT are validated and kept */
  public Appliance(CairnConfig config, RemoteOverrides remote) {
    this.config = config;
    this.remote = remote;
  }

  public void start() throws IOException {
    Path data = config.storage().dir();
    spool = Spool.open(data.resolve("spool"), config.storage().quotaBytes(), config.storage().minFreeBytes(), bus);
    statusFile = new StatusFile(data.resolve("status.json"));
    bus.subscribe(e -> LOG.info("event " + e));
    clockWasSynced = clock.getAsBoolean();
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
    for (CameraConfig cam : config.cameras()) {
      FrameQueue queue = new FrameQueue(cam.queueFrames());
      CameraCapture capture = new CameraCapture(cam.name(), () -> source(cam), queue, bus, ticker, cam.retryMaxS());
      TargetPin pin = pins.get(cam.name());
      SegmentSink sink = segment -> {
        spool.store(segment);
        lastSegmentNanos.put(cam.name(), ticker.nanos());
      };
      Supplier<CameraPipeline> pipelines = () -> pin.attach(Pipelines.create(cam.name(), config, nominalFps(cam), bootId,
          sink, clock, bus));
      CameraRunner runner = new CameraRunner(cam.name(), capture, queue, pipelines, ticker);
      runners.add(runner);
      runner.start();
    }
    if (config.uplink().enabled()) {
      Map<String, KeyFrameRequester> keyFrames = new LinkedHashMap<>();
      for (CameraRunner r : runners) {
        keyFrames.put(r.capture().camera(), () -> {
          CameraPipeline p = r.pipeline();
          if (p != null) {
            p.requestKeyFrame();
          }
        });
      }
      uplink = new Uplink(config.uplink(), config.deviceId(), bootId, spool, ticker, data.resolve("uplink"),
          keyFrames, sample -> monitor.record(sample, ticker.nanos()), budget);
      uplink.start();
      rate.start(config.link().intervalS());
    }
    startMqtt(data);
    // At once too, so that nobody reads a previous run's status during the first interval.
    housekeeping.scheduleAtFixedRate(this::housekeep, 0, 5, TimeUnit.SECONDS);
    LOG.info("cairn " + VERSION + " running: device " + config.deviceId() + ", " + runners.size()
        + " camera(s), spool " + data.resolve("spool") + ", "
        + (uplink == null ? "no uplink" : "uploading to " + Redact.url(config.uplink().url())));
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
    long liveMaxAge = (long) (config.uplink().liveMaxAgeS() * 1e9);
    RateLoop loop = new RateLoop(cams, config.rate().fixedKbps(), config.rate().backfillShare(), monitor, modem,
        now -> waiting(now, liveMaxAge), pins, bus, new RateLog(data.resolve("rate.jsonl")), ticker);
    loop.capBy(budget::capKbps);
    loop.begin();
    return loop;
  }

  /**
   * What waits in the spool to be sent: this run's segments young enough to go live, and the
   * backlog; what the data budget holds back is not waiting (no outage, no share kept for it).
   */
  private RateLoop.Queue waiting(long now, long liveMaxAgeNanos) {
    if (!budget.segmentsAllowed()) {
      return new RateLoop.Queue(0, 0);
    }
    long live = 0;
    long backlog = 0;
    for (SegmentInfo s : spool.pending()) {
      if (s.bootId().equals(bootId) && now - s.endMonoNanos() <= liveMaxAgeNanos) {
        live += s.bytes();
      } else {
        backlog += s.bytes();
      }
    }
    return new RateLoop.Queue(live, budget.backlogAllowed() ? backlog : 0);
  }

  private void startMqtt(Path data) throws IOException {
    MqttSettings settings = MqttSettings.from(config);
    if (!settings.enabled()) {
      return;
    }
    RemoteControl control = new RemoteControl(() -> config, c -> config = c, runners, pins, lastSegmentNanos, spool,
        () -> Optional.ofNullable(uplink), () -> Optional.ofNullable(rate).map(LinkHealth::of), budget,
        SystemProbe.of(data), ticker, startNanos);
    mqtt = new MqttService(settings, data, control, remote, control::health, VERSION, InstantSource.system(), clock);
    mqtt.countWireBytes(budget::add);
    mqtt.start();
    bus.subscribe(mqtt::event);
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
      budget.save();
      heartbeatIfSpent();
      statusFile.write(status());
    } catch (IOException | RuntimeException e) {
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
      if (p != null) {
        m.put("frames_in", p.framesIn());
        m.put("frames_kept", p.framesKept());
        m.put("key_frames", p.keyFrames());
        m.put("motion", p.inMotion());
      }
      cams.put(r.capture().camera(), m);
    }
    s.put("cameras", cams);
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

  /** True once every camera has ended by itself (files that do not loop). */
  public boolean allEnded() {
    return runners.stream().allMatch(CameraRunner::ended);
  }

  public void stop() {
    housekeeping.shutdownNow();
    if (rate != null) {
      rate.close();
    }
    if (uplink != null) {
      uplink.stop();
    }
    for (CameraRunner r : runners) {
      try {
        r.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (mqtt != null) {
      mqtt.stop();
    }
    try {
      if (spool != null) {
        statusFile.write(status());
      }
    } catch (IOException e) {
      LOG.warning("could not write the final status: " + e.getMessage());
    }
    LOG.info("cairn stopped");
  }
}
