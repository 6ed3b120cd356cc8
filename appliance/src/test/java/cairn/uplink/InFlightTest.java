package cairn.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InFlightTest {
  private static final long RTT = 150_000_000L;
  private static final OptionalDouble KBPS_800 = OptionalDouble.of(800);

  @Test
  void theNextRequestStartsWhileTheLastIsCarriedAsLongAsWhatIsBeyondTheLargestFitsTwoRoundTrips() {
    InFlight f = new InFlight();
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 0));
    f.start(50_000, true, 0); // 0.5 s at 800 kbit/s
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 0), "nothing beyond the largest yet");
    long second = f.start(25_000, false, 0);
    // Two round trips at 800 kbit/s are 30 kB: 25 kB beyond the largest fit, 25 + 10 do not.
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 0));
    f.start(10_000, false, 0);
    assertEquals(InFlight.Room.NONE, f.room(KBPS_800, RTT, 0), "over the bound, and a live one is in flight");
    f.end(second, 0, true);
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 0));
  }

  @Test
  void theBoundFollowsTheEstimateAndLiveIsNeverHeldBehindBacklog() {
    InFlight f = new InFlight();
    f.start(50_000, false, 0);
    f.start(30_000, false, 0);
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 0));
    assertEquals(InFlight.Room.LIVE_ONLY, f.room(OptionalDouble.of(200), RTT, 0),
        "a slower link: no more backlog, but a live segment still goes");
    f.start(40_000, true, 0);
    assertEquals(InFlight.Room.NONE, f.room(OptionalDouble.of(200), RTT, 0));
    assertEquals(InFlight.Room.LIVE_ONLY, f.room(OptionalDouble.of(10_000), RTT, 0), "the last slot is live's");
    f.start(1_000, true, 0);
    assertEquals(InFlight.Room.NONE, f.room(OptionalDouble.of(10_000), RTT, 0), "at most " + InFlight.MAX_REQUESTS);
  }

  @Test
  void withoutAnEstimateOneRequestAtATimeAndOneLiveBesideIt() {
    InFlight f = new InFlight();
    long id = f.start(50_000, false, 0);
    assertEquals(InFlight.Room.LIVE_ONLY, f.room(OptionalDouble.empty(), 0, 0));
    f.start(50_000, true, 0);
    assertEquals(InFlight.Room.NONE, f.room(OptionalDouble.empty(), 0, 0));
    f.end(id, 0, true);
    assertEquals(2 * 25_000, f.bytes());
  }

  @Test
  void aLinkThatStopsAnsweringHoldsNewRequestsAndAsksWithOneProbeWhenNothingIsOut() {
    InFlight f = new InFlight();
    long ms = 1_000_000L;
    long a = f.start(50_000, true, 0);
    f.start(25_000, false, 0);
    // 75 kB at 800 kbit/s take 0.75 s, and a round trip: quiet for twice that (1.8 s) is silence.
    assertEquals(1_800 * ms, f.quietLimitNanos(KBPS_800, RTT));
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 1_700 * ms));
    assertEquals(InFlight.Room.NONE, f.room(KBPS_800, RTT, 1_900 * ms), "no answer for 1.9 s: the link is silent");
    assertFalse(f.probeDue(1_900 * ms, KBPS_800, RTT), "requests are still out: they ask for us");
    f.end(a, 2_000 * ms, true);
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 2_000 * ms), "an answer: the link carries");
    assertFalse(f.silent(2_000 * ms + 900 * ms, KBPS_800, RTT), "quiet counts from the last answer");
  }

  @Test
  void aRequestWithoutAnAnswerMakesTheLinkSilentUntilAnyAnswerComes() {
    InFlight f = new InFlight();
    long seg = f.start(50_000, true, 0);
    f.end(seg, 10, false);
    assertTrue(f.silent(10, KBPS_800, RTT));
    assertEquals(InFlight.Room.NONE, f.room(KBPS_800, RTT, 10));
    assertTrue(f.probeDue(10, KBPS_800, RTT), "nothing out: a probe asks");
    long probe = f.startSmall(20);
    assertFalse(f.probeDue(30, KBPS_800, RTT), "one probe at a time");
    f.end(probe, 40, true);
    assertFalse(f.silent(40, KBPS_800, RTT));
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT, 40));
  }

  @Test
  void aSlowServerIsNotSilentWithinASecondWhateverTheEstimate() {
    InFlight f = new InFlight();
    f.startSmall(0);
    assertFalse(f.silent(999_000_000L, OptionalDouble.of(100_000), 0));
    assertTrue(f.silent(1_001_000_000L, OptionalDouble.of(100_000), 0));
  }
}
