package cairn.rate;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.Rung;
import cairn.encode.EncodingTarget;
import cairn.encode.TargetSetter;
import cairn.hardware.modem.ModemSample;
import cairn.link.LinkMonitor;
import cairn.link.ModemWatch;
import cairn.link.OutageDetector;
import cairn.supervise.CheckIn;
import cairn.supervise.Stage;
import cairn.time.Ticker;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Runs the link monitor and the rate controller four times a second and hands each camera its
 * target:
 *
 * <pre>
 *   uplink requests ──▶ LinkMonitor ──┐
 *   spool (what waits) ───────────────┼──▶ RateController ──▶ rung ──┬─▶ TargetSetter (encoder)
 *   modem ──▶ ModemWatch (hints) ─────┘         │                    └─▶ bus, rate.jsonl
 *                                               └─▶ within the rung, less while video queues
 * </pre>
 *
 * With a fixed rate ({@code rate.fixed_kbps}) there is no controller: every camera gets that rate
 * once, and only outages are watched and logged.
 *
 * <p>Threading: control is a {@link Stage} on a supervised thread (a step that throws restarts it
 * after a back-off; each step is a check-in); the modem has a thread of its own (a read may take
 * seconds); {@link #status} from any thread.
 */
public final class RateLoop implements Stage, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RateLoop.class.getName());
  static final long TICK_MILLIS = 250;
  /** The bitrate within a rung is handed on only when it moves by more than this. */
  static final double RETARGET_STEP = 0.05;

  /** What waits in the spool: segments fresh enough to go live, and the rest. */
  public record Queue(long liveBytes, long backlogBytes) {
    public boolean waiting() {
      return liveBytes + backlogBytes > 0;
    }
  }

  private final List<RateController.Camera> cameras;
  private final Optional<RateController> controller;
  private final int fixedKbps;
  private final LinkMonitor monitor;
  private final Optional<ModemWatch> modem;
  private final java.util.function.LongFunction<Queue> queue;
  private final Map<String, ? extends TargetSetter> targets;
  private final EventBus bus;
  private final RateLog log;
  private final Ticker ticker;
  private final OutageDetector outage = new OutageDetector();
  /** The bitrate and rung each camera was last given. */
  private final Map<String, Integer> applied = new HashMap<>();
  private final Map<String, Rung> appliedRung = new HashMap<>();
  private final Map<String, RateController.Decision> lastDecision = new HashMap<>();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "modem");
    t.setDaemon(true);
    return t;
  });
  private volatile Map<String, Object> status = Map.of();
  private volatile java.util.function.DoubleSupplier budgetKbps = () -> Double.POSITIVE_INFINITY;

  /**
   * @param fixedKbps 0 for adaptive control, else the rate every camera gets
   * @param queue what waits in the spool at a given time
   */
  public RateLoop(List<RateController.Camera> cameras, int fixedKbps, double backfillShare, LinkMonitor monitor,
      Optional<ModemWatch> modem, java.util.function.LongFunction<Queue> queue,
      Map<String, ? extends TargetSetter> targets, EventBus bus, RateLog log, Ticker ticker) {
    this.cameras = List.copyOf(cameras);
    this.fixedKbps = fixedKbps;
    this.controller = fixedKbps > 0 ? Optional.empty() : Optional.of(new RateController(cameras, backfillShare));
    this.monitor = monitor;
    this.modem = modem;
    this.queue = queue;
    this.targets = targets;
    this.bus = bus;
    this.log = log;
    this.ticker = ticker;
  }

  /**
   * Caps what the controller believes the link carries by what the data plan allows now, so that
   * as the budget runs low the rungs (size and frame rate first, per the ladder) come down.
   */
  public void capBy(java.util.function.DoubleSupplier kbps) {
    budgetKbps = kbps;
  }

  /** Starts the modem watch, every {@code modemIntervalS}; {@link #begin} first, then run the loop as a stage. */
  public void startModemWatch(double modemIntervalS) {
    modem.ifPresent(m -> scheduler.scheduleWithFixedDelay(m::poll, 0, (long) (modemIntervalS * 1000),
        TimeUnit.MILLISECONDS));
  }

  /** Hands out the starting targets, before the cameras start. */
  public void begin() {
    if (controller.isPresent()) {
      for (RateController.Decision d : controller.get().start()) {
        decided(d, true);
        apply(d.camera(), d.target().kbps(), d.target());
      }
    } else {
      for (RateController.Camera c : cameras) {
        Rung r = new Rung(fixedKbps, 0, 0);
        decided(new RateController.Decision(c.name(), 0, r, "fixed", Double.NaN, 0), true);
        apply(c.name(), fixedKbps, r);
      }
    }
  }

  /** A step every {@value #TICK_MILLIS} ms until interrupted. */
  @Override
  public void run(CheckIn checkIn) {
    while (true) {
      tick(ticker.nanos());
      checkIn.progress();
      try {
        Thread.sleep(TICK_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** One step at {@code now}; public to the package for tests on a fake clock. */
  void tick(long now) {
    Queue q = queue.apply(now);
    boolean wasOut = outage.inOutage();
    boolean out = outage.update(now, q.waiting(), monitor.lastDeliveryNanos());
    if (out != wasOut) {
      String type = out ? "outage_start" : "outage_end";
      bus.publish(Event.of(type, Instant.now(), "waiting_bytes", q.liveBytes() + q.backlogBytes()));
      log.write(line(type));
      LOG.info(out ? "uplink outage: nothing delivered for " + OutageDetector.AFTER_NANOS / 1_000_000_000L
          + " s while segments wait" : "uplink back: a delivery was confirmed");
    }
    OptionalDouble estimate = withinBudget(monitor.estimateKbps(now));
    // Live bytes in flight are still in the spool, so this counts the queue in front of the link too. The round
    // trip's rise over its base is reported, not acted on: in lab rate-sim it cost utilization (0.78 against 0.82 at
    // 150 ms on UMTS) and bought no latency, since the uplink keeps about two round trips in flight on purpose.
    long queueDelay = monitor.queueDelayNanos(now);
    double queueS = RateController.queueSeconds(q.liveBytes(), estimate);
    Optional<String> hint = modem.flatMap(ModemWatch::takeHint);
    OptionalDouble recent = monitor.recentKbps(now);
    recent = recent.isPresent() ? withinBudget(recent) : recent;
    if (controller.isPresent()) {
      RateController c = controller.get();
      for (RateController.Decision d : c.tick(now, new RateController.LinkState(estimate, q.backlogBytes(), out,
          hint, queueS, recent))) {
        decided(d, false);
      }
      for (RateController.Camera cam : cameras) {
        Rung r = cam.ladder().get(c.rung(cam.name()));
        apply(cam.name(), out ? r.kbps() : c.targetKbps(cam.name(), queueS), r);
      }
    }
    Map<String, Object> s = new LinkedHashMap<>();
    estimate.ifPresent(e -> s.put("estimate_kbps", Math.round(e)));
    s.put("delivered_kbps", Math.round(monitor.deliveredKbps(now, 10_000_000_000L)));
    s.put("queue_ms", Math.round(queueS * 1000));
    s.put("rtt_ms", monitor.roundTripNanos() / 1_000_000);
    s.put("queue_delay_ms", queueDelay / 1_000_000);
    s.put("backlog_bytes", q.backlogBytes());
    s.put("outage", out);
    s.put("failures", monitor.failures());
    Map<String, Object> cams = new LinkedHashMap<>();
    lastDecision.forEach((name, d) -> cams.put(name, Map.of("rung", d.rung(), "rung_kbps", d.target().kbps(),
        "target_kbps", applied.getOrDefault(name, d.target().kbps()), "reason", d.reason())));
    s.put("cameras", cams);
    status = s;
  }

  private OptionalDouble withinBudget(OptionalDouble measured) {
    double cap = budgetKbps.getAsDouble();
    if (Double.isInfinite(cap)) {
      return measured;
    }
    return OptionalDouble.of(measured.isPresent() ? Math.min(measured.getAsDouble(), cap) : cap);
  }

  /** What the encoder is asked for: the rung's frame rate and size, at a bitrate within the rung. */
  static EncodingTarget targetAt(Rung rung, int kbps) {
    return new EncodingTarget(kbps, rung.fps(), 0, rung.height());
  }

  private void apply(String camera, int kbps, Rung rung) {
    Integer before = applied.get(camera);
    boolean rungChanged = before == null || !rung.equals(appliedRung.get(camera));
    if (!rungChanged && Math.abs(kbps - before) <= before * RETARGET_STEP) {
      return;
    }
    applied.put(camera, kbps);
    appliedRung.put(camera, rung);
    TargetSetter t = targets.get(camera);
    if (t != null) {
      t.setTarget(targetAt(rung, kbps));
    }
    // The cap the encoder holds: within the rung it moves with the estimate and the queue, and whoever reads the log
    // afterwards (the lab's "held by the cap") must see the one in force, not the rung's.
    Map<String, Object> l = line("cap");
    l.put("camera", camera);
    l.put("kbps", kbps);
    l.put("rung_kbps", rung.kbps());
    log.write(l);
  }

  private void decided(RateController.Decision d, boolean first) {
    lastDecision.put(d.camera(), d);
    Map<String, Object> l = line("rate");
    l.put("camera", d.camera());
    l.put("rung", d.rung());
    l.put("kbps", d.target().kbps());
    l.put("fps", d.target().fps());
    l.put("height", d.target().height());
    l.put("top_kbps", topKbps(d.camera()));
    l.put("reason", d.reason());
    if (!Double.isNaN(d.estimateKbps())) {
      l.put("estimate_kbps", Math.round(d.estimateKbps()));
    }
    l.put("queue_ms", d.queueMs());
    log.write(l);
    LOG.info(d.camera() + ": " + (first ? "starting at " : "rung ") + d.target() + " kbit/s: " + d.reason());
    if (!first) {
      bus.publish(Event.of("rate_change", Instant.now(), "camera", d.camera(), "rung", d.rung(), "kbps",
          d.target().kbps(), "fps", d.target().fps(), "height", d.target().height(), "reason", d.reason()));
    }
  }

  private int topKbps(String camera) {
    return controller.isEmpty() ? fixedKbps
        : cameras.stream().filter(c -> c.name().equals(camera)).findFirst().orElseThrow().ladder().get(0).kbps();
  }

  private static Map<String, Object> line(String type) {
    Map<String, Object> l = new LinkedHashMap<>();
    l.put("at_ms", System.currentTimeMillis());
    l.put("type", type);
    return l;
  }

  /** For status.json and health: the estimate, the queue, each camera's rung and why. */
  public Map<String, Object> status() {
    return status;
  }

  /** The modem's newest reading; empty without a modem or before its first answer. */
  public Optional<ModemSample> modemSample() {
    return modem.flatMap(ModemWatch::latest);
  }

  /** The link's capacity estimate, empty before the first. */
  public OptionalDouble estimateKbps() {
    return status.get("estimate_kbps") instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  public boolean inOutage() {
    return outage.inOutage();
  }

  /** Failed requests the link monitor has counted since start. */
  public long failures() {
    return monitor.failures();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    modem.ifPresent(ModemWatch::close);
  }
}
