package cairn.uplink;

import cairn.base.Durable;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.CairnConfig.BudgetConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The month's data plan: counts every byte the box puts on the uplink (HTTP and MQTT, headers
 * included) and says how much may still go, so that the plan lasts to its renewal day.
 *
 * <pre>
 *     spent more than the even pace by now                  spent ≥ budget − heartbeat reserve
 *   OK  ──────────────────────────────────────────▶ PACED ──────────────────────────────────────▶ SPENT
 *   (cap = even rate + credit  ◀────────────────  (cap = what is left ÷ time left;   (snapshots and MQTT health only;
 *    over an hour; backlog too)  back under pace    backlog held)                       segments stay in the spool)
 *                          ─────────── renewal day: spent back to 0, OK ───────────
 * </pre>
 *
 * Under the pace the box spends its credit: a quiet day leaves more for a busy one. Ahead of it, the
 * cap is the even rate that leaves exactly the rest for the rest of the period, which comes down
 * as the budget runs low. {@link #HEARTBEAT_RESERVE} of the budget is kept for the heartbeat.
 *
 * <p>Threading: synchronized; {@link #add} from the uplink's and MQTT's threads. Spent bytes are
 * kept in {@code stateFile} ({@link #save}, from housekeeping), so a restart does not reset them.
 */
public final class DataBudget implements SendBudget {
  /** Where the plan stands. */
  public enum State { OFF, OK, PACED, SPENT }

  private static final Logger LOG = Logger.getLogger(DataBudget.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Share of the budget kept for snapshots and MQTT health after the rest is spent. */
  static final double HEARTBEAT_RESERVE = 0.02;
  static final double WARN_SHARE = 0.8;
  /** Credit is spent over at least this long: one busy hour cannot take a fortnight's savings. */
  static final double CREDIT_HORIZON_S = 3600;
  private static final double DAY_S = 86_400;

  private final InstantSource clock;
  private final Path stateFile;
  private final EventBus bus;
  private final int renewalDay;
  private long budgetBytes;
  private Instant periodStart;
  private long spent;
  private boolean warned;
  private boolean spentAnnounced;
  private boolean dirty;

  public DataBudget(BudgetConfig config, InstantSource clock, Path stateFile, EventBus bus) throws IOException {
    this.clock = clock;
    this.stateFile = stateFile;
    this.bus = bus;
    this.renewalDay = config.renewalDay();
    this.budgetBytes = config.bytes();
    this.periodStart = periodStart(clock.instant(), renewalDay);
    if (Files.exists(stateFile)) {
      Map<?, ?> saved = JSON.readValue(stateFile.toFile(), Map.class);
      if (Instant.parse((String) saved.get("period_start")).equals(periodStart)) {
        spent = ((Number) saved.get("spent_bytes")).longValue();
        warned = spent >= budgetBytes * WARN_SHARE;
        spentAnnounced = spent >= videoBytes();
      }
    }
  }

  /** The last renewal at or before {@code now}: 00:00 UTC on {@code day} of this month or the one before. */
  static Instant periodStart(Instant now, int day) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate start = today.withDayOfMonth(day);
    if (start.isAfter(today)) {
      start = start.minusMonths(1);
    }
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** Counts bytes that went (or will go) over the uplink. */
  @Override
  public synchronized void add(long bytes) {
    renewIfDue();
    spent += bytes;
    dirty = true;
    if (budgetBytes <= 0) {
      return;
    }
    if (!warned && spent >= budgetBytes * WARN_SHARE) {
      warned = true;
      announce("budget_80");
    }
    if (!spentAnnounced && spent >= videoBytes()) {
      spentAnnounced = true;
      announce("budget_spent");
      LOG.warning("data budget spent: only snapshots and MQTT health until " + periodEnd());
    }
  }

  /** A new budget (a remote {@code set}): raising it above what is spent resumes sending at once. */
  public synchronized void setBudget(long bytes) {
    budgetBytes = bytes;
    warned = bytes > 0 && spent >= bytes * WARN_SHARE;
    spentAnnounced = bytes > 0 && spent >= videoBytes();
  }

  public synchronized State state() {
    renewIfDue();
    if (budgetBytes <= 0) {
      return State.OFF;
    }
    if (spent >= videoBytes()) {
      return State.SPENT;
    }
    // Paced once more is spent than the even pace allows by now (the head start in use): the cap holds the box.
    double elapsed = clock.instant().getEpochSecond() - periodStart.getEpochSecond();
    return spent <= videoBytes() * elapsed / periodSeconds() ? State.OK : State.PACED;
  }

  /**
   * The rate the budget allows now, kbit/s: the even rate that leaves the rest for the rest of the
   * period, plus any credit spread over {@link #CREDIT_HORIZON_S}; unlimited without a budget, 0 once
   * spent.
   */
  public synchronized double capKbps() {
    return switch (state()) {
      case OFF -> Double.POSITIVE_INFINITY;
      case SPENT -> 0;
      case OK, PACED -> (evenBytesPerSecond() + Math.max(0, credit()) / CREDIT_HORIZON_S) * 8 / 1000;
    };
  }

  /** Whether backlog (footage that did not go live) may be sent now: only with budget to spare. */
  @Override
  public synchronized boolean backlogAllowed() {
    State s = state();
    return s == State.OFF || s == State.OK;
  }

  /** Whether segments may be sent at all. */
  @Override
  public synchronized boolean segmentsAllowed() {
    return state() != State.SPENT;
  }

  /** For status.json and MQTT health. */
  public synchronized Map<String, Object> status() {
    State s = state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", s.name().toLowerCase(java.util.Locale.ROOT));
    m.put("budget_bytes", budgetBytes);
    m.put("spent_bytes", spent);
    m.put("spent_share", budgetBytes > 0 ? Math.round(spent * 1000.0 / budgetBytes) / 1000.0 : 0);
    m.put("projected_bytes", projected());
    m.put("period_start", periodStart.toString());
    m.put("renews", periodEnd().toString());
    double cap = capKbps();
    if (!Double.isInfinite(cap)) {
      m.put("cap_kbps", Math.round(cap));
    }
    return m;
  }

  /** Spent by the renewal day if the period goes on as it has so far. */
  synchronized long projected() {
    double elapsed = Math.max(1, clock.instant().getEpochSecond() - periodStart.getEpochSecond());
    return Math.round(spent * periodSeconds() / elapsed);
  }

  /** Writes what is spent, if it changed. Housekeeping's thread. */
  public synchronized void save() throws IOException {
    if (!dirty) {
      return;
    }
    dirty = false;
    Files.createDirectories(stateFile.getParent());
    String json = JSON.writeValueAsString(Map.of("period_start", periodStart.toString(), "spent_bytes", spent));
    Durable.replace(stateFile, json.getBytes(StandardCharsets.UTF_8));
  }

  private void renewIfDue() {
    Instant start = periodStart(clock.instant(), renewalDay);
    if (!start.equals(periodStart)) {
      periodStart = start;
      spent = 0;
      warned = false;
      spentAnnounced = false;
      dirty = true;
      announce("budget_renewed");
    }
  }

  /**
   * Budget ahead of the linear pace, with one day's share to start on; never so much that the rest
   * would fall below the even share of the last day (or of what is left of the period, if less), so
   * the budget is not spent before the renewal.
   */
  private double credit() {
    double period = periodSeconds();
    double elapsed = clock.instant().getEpochSecond() - periodStart.getEpochSecond();
    double ahead = videoBytes() * (elapsed + DAY_S) / period - spent;
    double reserve = videoBytes() * Math.min(secondsLeft(), DAY_S) / period;
    return Math.min(ahead, videoBytes() - spent - reserve);
  }

  /** What is left, spread evenly over the time left. */
  private double evenBytesPerSecond() {
    return (videoBytes() - spent) / (double) Math.max(1, secondsLeft());
  }

  private long videoBytes() {
    return Math.round(budgetBytes * (1 - HEARTBEAT_RESERVE));
  }

  private long secondsLeft() {
    return periodEnd().getEpochSecond() - clock.instant().getEpochSecond();
  }

  private double periodSeconds() {
    return periodEnd().getEpochSecond() - periodStart.getEpochSecond();
  }

  private Instant periodEnd() {
    return LocalDate.ofInstant(periodStart, ZoneOffset.UTC).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private void announce(String type) {
    bus.publish(Event.of(type, clock.instant(), "spent_bytes", spent, "budget_bytes", budgetBytes, "renews",
        periodEnd().toString()));
  }
}
