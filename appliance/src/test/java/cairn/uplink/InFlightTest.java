package cairn.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InFlightTest {
  private static final long RTT = 150_000_000L;
  private static final OptionalDouble KBPS_800 = OptionalDouble.of(800);

  @Test
  void theNextRequestStartsWhileTheLastIsCarriedAsLongAsWhatIsBeyondTheLargestFitsTwoRoundTrips() {
    InFlight f = new InFlight();
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT));
    f.start(50_000, true); // 0.5 s at 800 kbit/s
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT), "nothing beyond the largest yet");
    long second = f.start(25_000, false);
    // Two round trips at 800 kbit/s are 30 kB: 25 kB beyond the largest fit, 25 + 10 do not.
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT));
    f.start(10_000, false);
    assertEquals(InFlight.Room.NONE, f.room(KBPS_800, RTT), "over the bound, and a live one is in flight");
    f.end(second);
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT));
  }

  @Test
  void theBoundFollowsTheEstimateAndLiveIsNeverHeldBehindBacklog() {
    InFlight f = new InFlight();
    f.start(50_000, false);
    f.start(30_000, false);
    assertEquals(InFlight.Room.ANY, f.room(KBPS_800, RTT));
    assertEquals(InFlight.Room.LIVE_ONLY, f.room(OptionalDouble.of(200), RTT),
        "a slower link: no more backlog, but a live segment still goes");
    f.start(40_000, true);
    assertEquals(InFlight.Room.NONE, f.room(OptionalDouble.of(200), RTT));
    assertEquals(InFlight.Room.LIVE_ONLY, f.room(OptionalDouble.of(10_000), RTT), "the last slot is live's");
    f.start(1_000, true);
    assertEquals(InFlight.Room.NONE, f.room(OptionalDouble.of(10_000), RTT), "at most " + InFlight.MAX_REQUESTS);
  }

  @Test
  void withoutAnEstimateOneRequestAtATimeAndOneLiveBesideIt() {
    InFlight f = new InFlight();
    long id = f.start(50_000, false);
    assertEquals(InFlight.Room.LIVE_ONLY, f.room(OptionalDouble.empty(), 0));
    f.start(50_000, true);
    assertEquals(InFlight.Room.NONE, f.room(OptionalDouble.empty(), 0));
    f.end(id);
    assertEquals(2 * 25_000, f.bytes());
  }
}
