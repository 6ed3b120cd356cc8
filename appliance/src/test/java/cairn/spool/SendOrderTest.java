package cairn.spool;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.EventBus;
import cairn.encode.EncodedPacket;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import cairn.time.FakeTicker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the uplink sends next; no request is made, time is a fake ticker. */
class SendOrderTest {
  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicInteger keyRequests = new AtomicInteger();
  private Spool spool;
  private SendOrder order;
  private long lastLive = -1;

  @BeforeEach
  void setUp() throws Exception {
    spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
    order = new SendOrder(spool, "boot", 10_000_000_000L, false, camera -> lastLive, camera -> keyRequests.incrementAndGet());
    ticker.set(Duration.ofHours(1).toNanos());
  }

  /** A committed segment of camera "cam" that ended {@code agoS} seconds before now. */
  private SegmentInfo segment(boolean key, double agoS, String boot) throws Exception {
    long end = ticker.nanos() - (long) (agoS * 1e9);
    byte[] au = {0, 0, 0, 1, 0x09, (byte) 0xF0};
    long endWall = 1_700_000_000_000L + end / 1_000_000;
    SegmentInfo draft = new SegmentInfo("cam", boot, -1, end - 2_000_000_000L, end, endWall - 2000, endWall, true,
        key, 1, 0, "", 320, 240, 0, "libx264");
    return spool.store(new ClosedSegment(draft, List.of(new EncodedPacket(au, 0, 0, key))));
  }

  /** What goes next; not kept in flight, so the next call may hand it out again. */
  private SendOrder.Pick pick() {
    SendOrder.Pick p = order.next(ticker.nanos(), true).orElse(null);
    if (p != null) {
      order.done(p.segment());
    }
    return p;
  }

  @Test
  void withNothingSentLiveYetAFreshKeySegmentGoesLive() throws Exception {
    SegmentInfo old = segment(true, 300, "boot");
    SegmentInfo fresh = segment(true, 1, "boot");
    var choice = pick();
    assertEquals(fresh, choice.segment());
    assertTrue(choice.live());
    assertNotEquals(old, choice.segment());
  }

  @Test
  void theBacklogGoesOldestFirstWhenNothingIsFresh() throws Exception {
    SegmentInfo first = segment(true, 300, "boot");
    segment(false, 298, "boot");
    var choice = pick();
    assertEquals(first, choice.segment());
    assertFalse(choice.live());
  }

  @Test
  void aFreshSegmentThatCannotDecodeAloneWaitsForAKeyFrameAndAsksForOne() throws Exception {
    segment(false, 1, "boot");
    var choice = pick();
    assertFalse(choice.live(), "a mid-GOP segment cannot open the live playlist");
    assertEquals(1, keyRequests.get(), "the camera is asked for a key frame (the uplink spaces such requests)");
  }

  @Test
  void aClipAskedForGoesAheadOfOlderBacklog() throws Exception {
    SegmentInfo oldest = segment(true, 600, "boot");
    SegmentInfo wanted = segment(true, 300, "boot");
    assertEquals(oldest, pick().segment());
    assertEquals(1, order.sendFirst("cam", wanted.startWallMillis(), wanted.endWallMillis()));
    assertEquals(wanted, pick().segment());
    spool.delivered(wanted);
    assertEquals(oldest, pick().segment(), "back to the backlog once the clip is sent");
    assertEquals(0, order.sendFirst("cam", 0, 1), "nothing waiting in that range");
  }

  @Test
  void segmentsOfAnEarlierBootAreNeverLive() throws Exception {
    segment(true, 1, "earlier");
    assertFalse(pick().live());
  }

  @Test
  void liveFollowsOnFromTheLastSegmentSentLive() throws Exception {
    List<SegmentInfo> made = new ArrayList<>();
    made.add(segment(true, 5, "boot"));
    made.add(segment(false, 3, "boot"));
    made.add(segment(false, 1, "boot"));
    lastLive = made.get(0).sequence(); // as the live playlist's state would say
    spool.delivered(made.get(0));
    var next = pick();
    assertEquals(made.get(1), next.segment(), "the segment after it, though it starts mid-GOP");
    assertTrue(next.live());
    assertEquals(0, keyRequests.get());
  }

  @Test
  void aSegmentInFlightIsNotHandedOutAgainAndLiveGoesOnBesideIt() throws Exception {
    SegmentInfo old = segment(true, 300, "boot");
    SegmentInfo key = segment(true, 2, "boot");
    SegmentInfo next = segment(false, 1, "boot");
    SendOrder.Pick first = order.next(ticker.nanos(), true).orElseThrow();
    assertEquals(key, first.segment());
    assertTrue(first.live());
    SendOrder.Pick second = order.next(ticker.nanos(), true).orElseThrow();
    assertEquals(next, second.segment(), "the one after it goes live too, before the first is answered");
    assertTrue(second.live());
    SendOrder.Pick third = order.next(ticker.nanos(), true).orElseThrow();
    assertEquals(old, third.segment());
    assertFalse(third.live());
    assertTrue(order.next(ticker.nanos(), true).isEmpty(), "everything is in flight");
    order.done(key); // not answered: it waits again, now as backlog (the live playlist went on past it)
    SendOrder.Pick again = order.next(ticker.nanos(), true).orElseThrow();
    assertEquals(key, again.segment());
    assertFalse(again.live());
  }

  @Test
  void waitingBytesSplitLiveFromBacklogWithoutReadingTheWholeSpool() throws Exception {
    SegmentInfo old = segment(true, 300, "boot");
    SegmentInfo earlierBoot = segment(true, 1, "earlier");
    SegmentInfo fresh = segment(true, 1, "boot");
    SendOrder.Waiting w = order.waiting(ticker.nanos());
    assertEquals(fresh.bytes(), w.liveBytes());
    assertEquals(old.bytes() + earlierBoot.bytes(), w.backlogBytes());
    assertFalse(order.nextLive(ticker.nanos()).isEmpty());
  }

  @Test
  void theBacklogIsHeldBackWhenNotAllowedButLiveStillGoes() throws Exception {
    segment(true, 300, "boot");
    assertTrue(order.next(ticker.nanos(), false).isEmpty());
    SegmentInfo fresh = segment(true, 1, "boot");
    assertEquals(fresh, order.next(ticker.nanos(), false).orElseThrow().segment());
  }
}
