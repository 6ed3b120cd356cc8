package cairn.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import cairn.config.Ladder;
import cairn.link.LinkMonitor;
import cairn.uplink.UploadSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The controller on a fake clock with scripted link states. */
class RateControllerTest {
  private static final long S = 1_000_000_000L;
  private static final Ladder LADDER = Ladder.parse("2000@30, 1600@30, 1300@30, 1000@25, 800@25, 600@20/540,"
      + " 450@15/540, 300@10/360");

  private long now;
  private final List<RateController.Decision> decisions = new ArrayList<>();

  private RateController one() {
    return new RateController(List.of(new RateController.Camera("cam1", LADDER, 1)), 0.25);
  }

  private static RateController.LinkState link(double estimate, double queueS) {
    return new RateController.LinkState(OptionalDouble.of(estimate), 0, false, Optional.empty(), queueS);
  }

  /** Runs the controller for {@code seconds} at four ticks a second with the same link state. */
  private void run(RateController c, double seconds, RateController.LinkState state) {
    for (int i = 0; i < seconds * 4; i++) {
      now += S / 4;
      decisions.addAll(c.tick(now, state));
    }
  }

  private int kbps(RateController c) {
    return LADDER.get(c.rung("cam1")).kbps();
  }

  @Test
  void startsLowUntilMeasuredThenJumpsToWhatFits() {
    RateController c = one();
    assertEquals(600, c.start().get(0).target().kbps());
    run(c, 2, new RateController.LinkState(OptionalDouble.empty(), 0, false, Optional.empty(), 0));
    assertEquals(600, kbps(c), "nothing measured, nothing changes");
    run(c, 0.25, link(1450, 0));
    assertEquals(1300, kbps(c));
    assertTrue(decisions.get(0).reason().startsWith("first measurement"), decisions.get(0).reason());
  }

  @Test
  void stepsDownAtOnceWhenTheLinkDelivers() {
    RateController c = one();
    run(c, 30, link(2100, 0));
    assertEquals(2000, kbps(c));
    decisions.clear();
    run(c, 0.25, link(900, 0));
    assertEquals(800, kbps(c), "straight to the best rung within the estimate, not one at a time");
    assertEquals(1, decisions.size());
    assertTrue(decisions.get(0).reason().contains("900 kbit/s"), decisions.get(0).reason());
  }

  @Test
  void stepsUpOneRungAtATimeAndOnlyWhenCalm() {
    RateController c = one();
    run(c, 1, link(850, 0));
    assertEquals(800, kbps(c));
    decisions.clear();
    run(c, 5, link(1700, 0));
    assertEquals(800, kbps(c), "no probing before the queue has been short for a while");
    run(c, 60, link(1700, 0));
    assertEquals(1600, kbps(c));
    for (int i = 1; i < decisions.size(); i++) {
      assertEquals(decisions.get(i - 1).rung() - 1, decisions.get(i).rung(), "one rung per step");
    }
    for (var d : decisions) {
      assertTrue(d.reason().startsWith("probing up"), d.reason());
    }
    decisions.clear();
    run(c, 60, link(1700, 0.9));
    assertEquals(List.of(), decisions, "no probing while video queues, however good the estimate");
  }

  @Test
  void aGrowingQueueStepsDownButAStallDoesNotCascade() {
    RateController c = one();
    run(c, 30, link(1400, 0));
    assertEquals(1300, kbps(c));
    decisions.clear();
    run(c, 0.25, link(1400, 2.5));
    assertEquals(1, decisions.size());
    assertTrue(kbps(c) < 1300);
    int after = kbps(c);
    run(c, 3, link(1400, 2.5));
    assertEquals(after, kbps(c), "the same queue (a stall) is given time to drain");
    run(c, 0.25, link(1400, 4));
    assertTrue(kbps(c) < after, "a queue still growing steps down again");
  }

  @Test
  void withinTheRungTheTargetShrinksAsVideoQueues() {
    RateController c = one();
    run(c, 1, link(1400, 0));
    assertEquals(1300, kbps(c));
    assertEquals(1400, c.targetKbps("cam1", 0.2), "a little waits: the cap follows the link above the rung");
    assertEquals(650, c.targetKbps("cam1", RateController.QUEUE_HIGH_S));
    int mid = c.targetKbps("cam1", 1.0);
    assertTrue(mid > 650 && mid < 1300, "linear in between: " + mid);
  }

  @Test
  void betweenTwoRungsTheCapFollowsTheLinkUpToTheNextRung() {
    RateController c = one();
    run(c, 1, link(1500, 0));
    assertEquals(1300, kbps(c));
    assertEquals(1500, c.targetKbps("cam1", 0));
    run(c, 1, link(1250, 0));
    assertEquals(1300, c.targetKbps("cam1", 0), "never below the rung's own cap while little waits");
    run(c, 1, link(5000, 0));
    assertEquals(1300, kbps(c), "the rung waits for its calm time before going up");
    assertEquals(1600, c.targetKbps("cam1", 0), "no further than the next rung: its size and rate are the rung's");
  }

  @Test
  void atTheTopRungTheCapIsTheTopRungs() {
    RateController c = new RateController(List.of(new RateController.Camera("cam1", LADDER, 1)), 0.25);
    run(c, 60, link(9000, 0));
    assertEquals(2000, kbps(c));
    assertEquals(2000, c.targetKbps("cam1", 0));
  }

  @Test
  void anOutageChangesNothingAndTheFirstDeliveryResumesControl() {
    RateController c = one();
    run(c, 30, link(1400, 0));
    decisions.clear();
    run(c, 20, new RateController.LinkState(OptionalDouble.of(100), 0, true, Optional.empty(), 9));
    assertEquals(List.of(), decisions);
    assertEquals(1300, kbps(c));
    run(c, 0.25, link(700, 0));
    assertEquals(600, kbps(c));
  }

  @Test
  void aModemHintStepsDownBeforeTheUplinkFeelsItAndHoldsProbing() {
    RateController c = one();
    run(c, 30, link(1400, 0));
    decisions.clear();
    run(c, 0.25, new RateController.LinkState(OptionalDouble.of(1400), 0, false,
        Optional.of("the modem fell back from 4G to 3G"), 0));
    assertEquals(1000, kbps(c), "to what 80% of the estimate allows");
    assertEquals("the modem fell back from 4G to 3G", decisions.get(0).reason());
    run(c, 15, link(1400, 0));
    assertEquals(1000, kbps(c), "no probing up for a while after a hint");
    run(c, 10, link(1400, 0));
    decisions.clear();
    assertEquals(1300, kbps(c), "probing again once the hold is over: a hint is no verdict on the rung it left");
    run(c, 0.25, new RateController.LinkState(OptionalDouble.of(1800), 0, false,
        Optional.of("the signal collapsed from -80 to -95 dBm"), 0));
    assertEquals(List.of(), decisions, "a rung that fits 80% of the estimate already stays");
  }

  private static RateController.LinkState carrying(double estimate, double recent) {
    return new RateController.LinkState(OptionalDouble.of(estimate), 0, false, Optional.empty(), 0,
        OptionalDouble.of(recent));
  }

  /** At 1300 on a steady 1400 kbit/s link, then the signal collapses: down to 1000. */
  private RateController collapsedFrom1300() {
    RateController c = one();
    run(c, 30, link(1400, 0));
    assertEquals(1300, kbps(c));
    run(c, 0.25, new RateController.LinkState(OptionalDouble.of(1400), 0, false,
        Optional.of("the signal collapsed from -63 to -81 dBm"), 0, OptionalDouble.of(1400)));
    assertEquals(1000, kbps(c));
    return c;
  }

  @Test
  void aHintsHoldEndsOnceTheLinkHasKeptCarryingTheRungItLeft() {
    RateController c = collapsedFrom1300();
    run(c, 7, carrying(1400, 1350));
    assertEquals(1000, kbps(c), "the probe's own waits still apply");
    run(c, 2, carrying(1400, 1350));
    assertEquals(1300, kbps(c), "back up well before the 20 s hold: the link carried 1300 all along");
  }

  @Test
  void aHintsHoldStaysWhileTheLinkCarriesLessThanTheRungItLeft() {
    RateController c = collapsedFrom1300();
    run(c, 18, carrying(1400, 1100));
    assertEquals(1000, kbps(c), "the recent low end (1100) is below the rung left (1300): the hold stands");
    run(c, 4, carrying(1400, 1100));
    assertEquals(1300, kbps(c), "probing again when the hold is over, as without a recent figure");
  }

  @Test
  void failedProbesWaitLongerEachTimeButAHintIsNoVerdictOnAProbe() {
    RateController c = one();
    run(c, 40, link(1400, 0));
    assertEquals(1300, kbps(c));
    run(c, 0.25, link(1000, 0)); // 1300 is more than 20% above 1000
    assertEquals(1000, kbps(c));
    run(c, 31, link(1400, 0));
    assertEquals(1300, kbps(c), "probed again 30 s after leaving it");
    run(c, 2, link(1000, 0));
    assertEquals(1000, kbps(c), "a failed probe: left within 30 s");
    run(c, 31, link(1400, 0));
    assertEquals(1300, kbps(c), "the first failure waits 30 s");
    run(c, 2, link(1000, 0));
    run(c, 40, link(1400, 0));
    assertEquals(1000, kbps(c), "the second waits 60 s");
    run(c, 25, link(1400, 0));
    assertEquals(1300, kbps(c));
    run(c, 0.25, new RateController.LinkState(OptionalDouble.of(1400), 0, false,
        Optional.of("the signal collapsed from -70 to -85 dBm"), 0));
    assertEquals(1000, kbps(c));
    run(c, 30, link(1400, 0));
    assertEquals(1300, kbps(c), "back up after the hint's hold: a hint does not fail the probe");
  }

  @Test
  void aBacklogLeavesItsShare() {
    RateController c = one();
    run(c, 30, new RateController.LinkState(OptionalDouble.of(1400), 5_000_000, false, Optional.empty(), 0));
    assertEquals(1000, kbps(c), "1400 x 0.75 = 1050");
  }

  @Test
  void twoCamerasShareByWeight() {
    RateController c = new RateController(List.of(new RateController.Camera("a", LADDER, 2),
        new RateController.Camera("b", LADDER, 1)), 0.25);
    for (int i = 0; i < 200; i++) {
      now += S / 4;
      c.tick(now, link(1950, 0));
    }
    assertEquals(1300, LADDER.get(c.rung("a")).kbps(), "2/3 of 1950");
    assertEquals(600, LADDER.get(c.rung("b")).kbps(), "1/3 of 1950");
  }

  @Test
  void aNoisySteadyLinkDoesNotMoveTheRungBackAndForth() {
    // Requests whose goodput swings +-30% around 1200 kbit/s, as a 3G link's do, for ten minutes.
    RateController c = one();
    LinkMonitor monitor = new LinkMonitor();
    Random random = new Random(7);
    List<Long> changedAt = new ArrayList<>();
    for (int i = 0; i < 10 * 60 * 4; i++) {
      now += S / 4;
      if (i % 2 == 0) {
        double kbps = 1200 * (0.7 + 0.6 * random.nextDouble());
        long bytes = 40_000;
        monitor.record(new UploadSample("cam1", bytes, (long) (bytes * 8e6 / kbps), true, 201), now);
      }
      for (var d : c.tick(now, new RateController.LinkState(monitor.estimateKbps(now), 0, false,
          Optional.empty(), random.nextDouble() * 0.3))) {
        assertTrue(changedAt.isEmpty() || now - changedAt.get(changedAt.size() - 1) >= 30 * S,
            "two changes within 30 s: " + decisions + " then " + d);
        changedAt.add(now);
        decisions.add(d);
      }
    }
    // The estimate (a median over 20 s) still wanders by +-10% over minutes, across the 1000/1300
    // boundary: a change every two minutes or so, never back and forth within half a minute.
    assertTrue(decisions.size() <= 5, "rung changes in ten minutes: " + decisions);
  }
}
