package cairn.uplink;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.CairnConfig.BudgetConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data plan over simulated months, on a clock the test moves. */
class DataBudgetTest {
  private static final long GIB = 1L << 30;
  @TempDir
  Path dir;
  private Instant now = Instant.parse("2026-12-01T00:00:00Z");
  private final InstantSource clock = () -> now;
  private final EventBus bus = new EventBus();
  private final List<String> events = new ArrayList<>();

  private DataBudget budget(long bytes) throws Exception {
    bus.subscribe((Event e) -> events.add(e.type()));
    return new DataBudget(new BudgetConfig(bytes, 1, 900), clock, dir.resolve("budget.json"), bus);
  }

  @Test
  void aSceneThatWantsMoreThanThePlanGetsAllOfItEvenlyAndNoMore() throws Exception {
    DataBudget b = budget(10 * GIB);
    double wantedKbps = 100_000; // far more than 10 GiB a month (about 33 kbit/s)
    long hours = 31 * 24;
    for (int h = 0; h < hours; h++) {
      double kbps = Math.min(wantedKbps, b.capKbps());
      b.add((long) (kbps * 1000 / 8 * 3600));
      now = now.plus(Duration.ofHours(1));
      if (h == 24 * 15) {
        // 10 GiB in 31 days is 32 kbit/s; each hour's credit is spent as it comes.
        assertTrue(b.capKbps() > 25 && b.capKbps() < 70, "mid-month, held near the pace: " + b.capKbps() + " kbit/s");
      }
    }
    now = now.minusSeconds(1);
    double share = b.status().get("spent_bytes") instanceof Long l ? l / (10.0 * GIB) : -1;
    assertTrue(share >= 0.9 && share <= 1.0, "spent " + share + " of the budget by the renewal");
    assertEquals("budget_80", events.get(0), events.toString());
    assertTrue(share <= 1 - DataBudget.HEARTBEAT_RESERVE + 1e-3, "the heartbeat's reserve is left: " + share);
  }

  @Test
  void aQuietFortnightLeavesCreditForABusyOne() throws Exception {
    DataBudget b = budget(10 * GIB);
    now = now.plus(Duration.ofDays(15));
    assertEquals(DataBudget.State.OK, b.state());
    b.add(4 * GIB);
    assertEquals(DataBudget.State.OK, b.state(), "4 of 10 GiB after half the month is under the pace");
    assertTrue(b.capKbps() > 1000, "a fortnight's savings spread over an hour: " + b.capKbps() + " kbit/s");
    assertTrue(b.backlogAllowed());
    b.add(2 * GIB);
    assertEquals(DataBudget.State.PACED, b.state());
    assertFalse(b.backlogAllowed(), "ahead of the pace, the backlog waits");
  }

  @Test
  void onceSpentOnlyTheHeartbeatGoesUntilTheRenewalOrARaise() throws Exception {
    DataBudget b = budget(GIB);
    b.add(GIB);
    assertEquals(DataBudget.State.SPENT, b.state());
    assertFalse(b.segmentsAllowed());
    assertEquals(0, b.capKbps());
    assertEquals(List.of("budget_80", "budget_spent"), events);
    b.setBudget(2 * GIB);
    assertTrue(b.segmentsAllowed(), "a raise resumes sending");
    b.setBudget(GIB);
    now = Instant.parse("2027-01-01T00:00:01Z");
    assertEquals(DataBudget.State.OK, b.state());
    assertEquals(0L, b.status().get("spent_bytes"));
    assertEquals("2027-02-01T00:00:00Z", b.status().get("renews"));
    assertTrue(events.contains("budget_renewed"));
  }

  @Test
  void whatIsSpentSurvivesARestartWithinThePeriodOnly() throws Exception {
    DataBudget b = budget(10 * GIB);
    b.add(123_456);
    b.save();
    assertEquals(123_456L, budget(10 * GIB).status().get("spent_bytes"));
    now = Instant.parse("2027-01-02T00:00:00Z");
    assertEquals(0L, budget(10 * GIB).status().get("spent_bytes"));
  }

  @Test
  void thePeriodRunsFromTheRenewalDay() {
    assertEquals(Instant.parse("2026-11-15T00:00:00Z"), DataBudget.periodStart(Instant.parse("2026-12-03T10:00:00Z"), 15));
    assertEquals(Instant.parse("2026-12-03T00:00:00Z"), DataBudget.periodStart(Instant.parse("2026-12-03T10:00:00Z"), 3));
  }
}
