package cairn.rate;

import cairn.config.Ladder;
import cairn.config.Rung;
import cairn.link.LinkMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Picks each camera's rung from what the link delivers. Pure logic on the caller's clock, so a
 * test can replay any sequence of link states.
 *
 * <p>The budget is the link's capacity estimate ({@link cairn.link.LinkMonitor}), times a
 * headroom, less a share for the backlog while there is one, split between cameras by weight.
 * Then, per camera, the first rule that applies:
 *
 * <ol>
 *   <li>during an outage nothing changes: there is nothing to measure, and the footage goes to the
 *       spool at the rate it was at;
 *   <li>the modem reports a slower network or a collapsed signal: down at once to a rung that fits
 *       {@link #HINT_FACTOR} of the budget, before the uplink feels it, and no probing up for
 *       {@link #HINT_HOLD_NANOS}, or until the link has carried the rung left for
 *       {@link #HINT_EVIDENCE_NANOS} after the hint; nothing at all if the rung fits already (a signal that wavers
 *       must not keep the rung down);
 *   <li>video is queueing (more than {@link #QUEUE_HIGH_S} of it waits): down to a rung the link
 *       can drain the queue with (rising request times show up here, as the queue backs up);
 *   <li>the rung is above the budget: down to the best rung within it;
 *   <li>the next rung up fits the budget, the queue has stayed short for {@link #UP_CALM_NANOS},
 *       and the last step down is long enough ago: one rung up (probing slowly, as GCC and SCReAM
 *       do; a failed probe costs only a queue of a few seconds, which the previous rule drains).
 *       A rung left again within {@link #PROBE_TRIAL_NANOS} was a failed probe: it is not tried
 *       again for 30 s, then 60 s, doubling up to 8 minutes while probes keep failing.
 * </ol>
 *
 * The gaps between rungs (about a quarter) and the waits before going up keep a noisy but steady
 * link from moving the rung back and forth.
 */
public final class RateController {
  /** Fraction of the low-percentile capacity the cameras may use together. */
  static final double HEADROOM = 1.0;
  static final double QUEUE_HIGH_S = 2.0;
  static final double QUEUE_LOW_S = 0.4;
  static final long UP_CALM_NANOS = 6_000_000_000L;
  static final long UP_AFTER_DOWN_NANOS = 6_000_000_000L;
  static final long UP_AFTER_CHANGE_NANOS = 8_000_000_000L;
  static final double TRIM_FROM_S = 0.5;
  static final double TRIM_FLOOR = 0.5;
  /**
   * How far above the budget a rung may be before it is left: together with going up only when
   * the next rung fits the budget, a band that noise on a steady link does not cross. The inner
   * loop ({@link #targetKbps}) covers what the rung overshoots meanwhile.
   */
  static final double DOWN_MARGIN = 1.2;
  /** A rung left within this time of probing up to it was a failed probe. */
  static final long PROBE_TRIAL_NANOS = 30_000_000_000L;
  static final long PROBE_WAIT_MIN_NANOS = 30_000_000_000L;
  /** After a step down for a queue (a dip, often brief), the rung left may be tried again sooner. */
  static final long QUEUE_DOWN_WAIT_NANOS = 15_000_000_000L;
  static final long PROBE_WAIT_MAX_NANOS = 480_000_000_000L;
  /** What a modem's hint is taken to leave of the estimate. */
  static final double HINT_FACTOR = 0.8;
  /** A growing queue takes the rung to this share of what it was (or of the budget, if lower). */
  static final double QUEUE_CUT = 0.8;
  static final long QUEUE_PATIENCE_NANOS = 4_000_000_000L;
  static final long DOWN_AFTER_CHANGE_NANOS = 1_500_000_000L;
  static final long HINT_HOLD_NANOS = 20_000_000_000L;
  /**
   * The hold ends sooner once the link has carried, at the low end of everything it delivered since the hint (the
   * monitor's recent window, all of it after the hint), what the rung the hint left needs: the signal fell, the
   * capacity did not. A hint is a forecast; what the link then delivers is the measurement.
   */
  static final long HINT_EVIDENCE_NANOS = LinkMonitor.RECENT_NANOS;
  /** Where a camera starts before the link has been measured. */
  static final int START_KBPS = 600;

  public record Camera(String name, Ladder ladder, double weight) {}

  /**
   * What the link looks like now. {@code queueS}: how long the finished segments waiting to go
   * live take to send at the estimate ({@link #queueSeconds}). {@code recentKbps}: what the link
   * carried over the last few seconds alone ({@link LinkMonitor#recentKbps}), empty if unknown.
   */
  public record LinkState(OptionalDouble estimateKbps, long backlogBytes, boolean outage, Optional<String> hint,
      double queueS, OptionalDouble recentKbps) {
    /** Without a recent figure: a hint's hold then lasts its whole {@link #HINT_HOLD_NANOS}. */
    public LinkState(OptionalDouble estimateKbps, long backlogBytes, boolean outage, Optional<String> hint,
        double queueS) {
      this(estimateKbps, backlogBytes, outage, hint, queueS, OptionalDouble.empty());
    }
  }

  /** Seconds to send {@code liveBytes} at the estimate: requests slowing down show up here first. */
  public static double queueSeconds(long liveBytes, OptionalDouble estimateKbps) {
    return estimateKbps.isEmpty() ? 0 : liveBytes * 8 / 1000.0 / Math.max(1, estimateKbps.getAsDouble());
  }

  public record Decision(String camera, int rung, Rung target, String reason, double estimateKbps, long queueMs) {}

  private static final class State {
    int rung;
    long lastChange = Long.MIN_VALUE / 2;
    long lastDown = Long.MIN_VALUE / 2;
    long calmSince = Long.MIN_VALUE;
    boolean measured;
    double queueAtDown;
    /** The last rung probed up to, and when: leaving it again soon means the probe failed. */
    int probed = -1;
    long probedAt;
    /** A rung whose probe failed is not tried again before this; the wait doubles per failure. */
    int blocked = -1;
    long blockedUntil;
    long probeWait = PROBE_WAIT_MIN_NANOS;
    /** A modem hint that stepped down holds probing until then. */
    long hintUntil = Long.MIN_VALUE / 2;
    /** When that hint came, and the kbit/s of the rung it left. */
    long hintAt;
    int hintLeftKbps;
    /** This camera's share of the estimate at the last tick; NaN before the link is measured. */
    double budget = Double.NaN;
  }

  private final Map<String, Camera> cameras = new LinkedHashMap<>();
  private final Map<String, State> states = new LinkedHashMap<>();
  private final double backfillShare;

  public RateController(List<Camera> cams, double backfillShare) {
    this.backfillShare = backfillShare;
    for (Camera c : cams) {
      cameras.put(c.name(), c);
      State s = new State();
      s.rung = c.ladder().bestWithin(START_KBPS);
      states.put(c.name(), s);
    }
  }

  /** The decisions to start with, one per camera. */
  public List<Decision> start() {
    List<Decision> out = new ArrayList<>();
    cameras.values().forEach(c -> out.add(decision(c, states.get(c.name()).rung, "start: link not measured yet",
        Double.NaN, 0)));
    return out;
  }

  public int rung(String camera) {
    return states.get(camera).rung;
  }

  /**
   * The bitrate to encode at now, within the camera's rung. While little waits, the cap follows the
   * camera's budget between the rung's bitrate and the next rung's (the ladder's steps are a quarter
   * apart, and a link between two rungs would otherwise go a step's worth unused); the rung itself
   * changes, with its size and frame rate, only by the rules of {@link #tick}. As video queues up the
   * cap comes down to {@link #TRIM_FLOOR} of the rung's at {@link #QUEUE_HIGH_S}. This fast inner
   * loop rides out a dip of a few seconds without a visible change of rung; the rung follows the
   * link's trend.
   */
  public int targetKbps(String camera, double queueS) {
    State s = states.get(camera);
    Ladder ladder = cameras.get(camera).ladder();
    int cap = ladder.get(s.rung).kbps();
    if (queueS <= TRIM_FROM_S && s.rung > 0 && !Double.isNaN(s.budget)) {
      return (int) Math.round(Math.min(ladder.get(s.rung - 1).kbps(), Math.max(cap, s.budget)));
    }
    double over = (queueS - TRIM_FROM_S) / (QUEUE_HIGH_S - TRIM_FROM_S);
    double trim = 1 - (1 - TRIM_FLOOR) * Math.max(0, Math.min(1, over));
    return (int) Math.round(cap * trim);
  }

  /** One step of control; returns the cameras whose rung changed, with why. */
  public List<Decision> tick(long now, LinkState link) {
    List<Decision> out = new ArrayList<>();
    if (link.outage() || link.estimateKbps().isEmpty()) {
      states.values().forEach(s -> s.calmSince = Long.MIN_VALUE);
      return out;
    }
    double estimate = link.estimateKbps().getAsDouble();
    double share = link.backlogBytes() > 0 ? 1 - backfillShare : 1;
    double totalWeight = cameras.values().stream().mapToDouble(Camera::weight).sum();
    double queueS = link.queueS();
    for (Camera c : cameras.values()) {
      State s = states.get(c.name());
      Ladder ladder = c.ladder();
      double ofEstimate = HEADROOM * share * c.weight() / totalWeight;
      double budget = estimate * ofEstimate;
      s.budget = budget;
      int current = s.rung;
      int next = current;
      String reason = null;
      boolean queueDown = false;
      boolean hintDown = false;
      if (queueS <= QUEUE_LOW_S) {
        s.calmSince = s.calmSince == Long.MIN_VALUE ? now : s.calmSince;
      } else {
        s.calmSince = Long.MIN_VALUE;
      }
      if (now - s.hintUntil < 0 && now - s.hintAt >= HINT_EVIDENCE_NANOS && link.recentKbps().isPresent()
          && link.recentKbps().getAsDouble() * ofEstimate >= s.hintLeftKbps) {
        s.hintUntil = now; // the link kept carrying the rung left: the forecast did not come true
      }
      boolean mayDown = now - s.lastChange >= DOWN_AFTER_CHANGE_NANOS;
      if (!s.measured) {
        s.measured = true;
        next = ladder.bestWithin(budget);
        reason = String.format(Locale.ROOT, "first measurement: the link delivers %.0f kbit/s (estimate)",
            estimate);
      } else if (link.hint().isPresent() && now - s.hintUntil >= 0
          && ladder.get(current).kbps() > budget * HINT_FACTOR) {
        // Down now, a rung or two: the signal says the link weakens, not by how much, and the queue
        // rule follows if the link falls further. A deeper cut cost more than it saved in the lab.
        s.hintUntil = now + HINT_HOLD_NANOS;
        s.hintAt = now;
        s.hintLeftKbps = ladder.get(current).kbps();
        hintDown = true;
        next = Math.max(current + 1, ladder.bestWithin(budget * HINT_FACTOR));
        next = Math.min(ladder.bottom(), next);
        reason = link.hint().get();
      } else if (queueS > QUEUE_HIGH_S && mayDown && (queueS > s.queueAtDown * 1.2
          || now - s.lastDown >= QUEUE_PATIENCE_NANOS)) {
        // Once per rise of the queue: while a stall holds everything, stepping down again does not help.
        s.queueAtDown = queueS;
        queueDown = true;
        // Drain the queue within a few seconds while the new rung takes over.
        next = Math.min(ladder.bottom(), Math.max(current + 1, ladder.bestWithin(Math.min(budget,
            ladder.get(current).kbps()) * QUEUE_CUT)));
        reason = String.format(Locale.ROOT, "%.1f s of video waiting to be sent", queueS);
      } else if (ladder.get(current).kbps() > budget * DOWN_MARGIN && mayDown) {
        next = ladder.bestWithin(budget);
        reason = String.format(Locale.ROOT, "the link delivers %.0f kbit/s (estimate); %d kbit/s would queue",
            estimate, ladder.get(current).kbps());
      } else if (current > 0 && ladder.get(current - 1).kbps() <= budget
          && s.calmSince != Long.MIN_VALUE && now - s.calmSince >= UP_CALM_NANOS
          && now - s.lastDown >= UP_AFTER_DOWN_NANOS && now - s.lastChange >= UP_AFTER_CHANGE_NANOS
          && now - s.hintUntil >= 0 && (current - 1 > s.blocked || now - s.blockedUntil >= 0)) {
        // One rung at a time near the link's rate; far below it (after a stall), most of the way at once.
        next = ladder.get(current - 1).kbps() * 1.5 <= budget ? Math.min(current - 1, ladder.bestWithin(budget * 0.8))
            : current - 1;
        reason = String.format(Locale.ROOT, "probing up: the link delivers %.0f kbit/s (estimate)", estimate);
      }
      if (s.probed >= 0 && now - s.probedAt >= PROBE_TRIAL_NANOS) {
        s.probed = -1; // the probe held: the link carries it
        s.probeWait = PROBE_WAIT_MIN_NANOS;
      }
      if (next != current) {
        s.rung = next;
        s.lastChange = now;
        if (next > current) {
          // The rung just left is not tried again for a while, longer each time a probe fails.
          s.lastDown = now;
          s.blocked = current;
          if (hintDown) {
            // The modem spoke, not the link: no verdict on the probe; the hint's own hold applies.
            s.blockedUntil = now;
          } else {
            s.blockedUntil = now + (queueDown && current != s.probed ? QUEUE_DOWN_WAIT_NANOS : s.probeWait);
            if (current == s.probed) {
              s.probeWait = Math.min(PROBE_WAIT_MAX_NANOS, s.probeWait * 2); // for the next failure
            }
          }
          s.probed = -1;
        } else {
          s.queueAtDown = 0;
          s.probed = next;
          s.probedAt = now;
        }
        s.calmSince = Long.MIN_VALUE;
        out.add(decision(c, next, reason, estimate, Math.round(queueS * 1000)));
      }
    }
    return out;
  }

  private Decision decision(Camera c, int rung, String reason, double estimate, long queueMs) {
    return new Decision(c.name(), rung, c.ladder().get(rung), reason, estimate, queueMs);
  }
}
