package cairn.uplink;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.EventBus;
import cairn.config.CairnConfig.UplinkConfig;
import cairn.encode.EncodedPacket;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
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
class UplinkChoiceTest {
  @TempDir Path dir;
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicInteger keyRequests = new AtomicInteger();
  private Spool spool;
  private Uplink uplink;

  @BeforeEach
  void setUp() throws Exception {
    spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
    UplinkConfig c = new UplinkConfig("http://127.0.0.1:9/up", "", "", "", "", 1, 1, 1, false, 5, 10);
    uplink = new Uplink(c, "box", "boot", spool, ticker, dir.resolve("state"),
        Map.of("cam", keyRequests::incrementAndGet), s -> { });
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

  @Test
  void withNothingSentLiveYetAFreshKeySegmentGoesLive() throws Exception {
    SegmentInfo old = segment(true, 300, "boot");
    SegmentInfo fresh = segment(true, 1, "boot");
    var choice = uplink.choose(spool.pending());
    assertEquals(fresh, choice.segment());
    assertTrue(choice.live());
    assertNotEquals(old, choice.segment());
  }

  @Test
  void theBacklogGoesOldestFirstWhenNothingIsFresh() throws Exception {
    SegmentInfo first = segment(true, 300, "boot");
    segment(false, 298, "boot");
    var choice = uplink.choose(spool.pending());
    assertEquals(first, choice.segment());
    assertFalse(choice.live());
  }

  @Test
  void aFreshSegmentThatCannotDecodeAloneWaitsForAKeyFrameAndAsksForOne() throws Exception {
    segment(false, 1, "boot");
    var choice = uplink.choose(spool.pending());
    assertFalse(choice.live(), "a mid-GOP segment cannot open the live playlist");
    assertEquals(1, keyRequests.get());
    uplink.choose(spool.pending());
    assertEquals(1, keyRequests.get(), "requests are spaced out");
  }

  @Test
  void aClipAskedForGoesAheadOfOlderBacklog() throws Exception {
    SegmentInfo oldest = segment(true, 600, "boot");
    SegmentInfo wanted = segment(true, 300, "boot");
    assertEquals(oldest, uplink.choose(spool.pending()).segment());
    assertEquals(1, uplink.sendFirst("cam", wanted.startWallMillis(), wanted.endWallMillis()));
    assertEquals(wanted, uplink.choose(spool.pending()).segment());
    spool.delivered(wanted);
    assertEquals(oldest, uplink.choose(spool.pending()).segment(), "back to the backlog once the clip is sent");
    assertEquals(0, uplink.sendFirst("cam", 0, 1), "nothing waiting in that range");
  }

  @Test
  void segmentsOfAnEarlierBootAreNeverLive() throws Exception {
    segment(true, 1, "earlier");
    assertFalse(uplink.choose(spool.pending()).live());
  }

  @Test
  void liveFollowsOnFromTheLastSegmentSentLive() throws Exception {
    List<SegmentInfo> made = new ArrayList<>();
    made.add(segment(true, 5, "boot"));
    made.add(segment(false, 3, "boot"));
    made.add(segment(false, 1, "boot"));
    // As if segment 0 had gone live before: the uplink reads its live state when it first needs it.
    java.nio.file.Files.createDirectories(dir.resolve("state").resolve("cam"));
    new LivePlaylist(dir.resolve("state").resolve("cam").resolve("live.json"), 5)
        .add(PlaylistEntry.of(made.get(0)));
    spool.delivered(made.get(0));
    var next = uplink.choose(spool.pending());
    assertEquals(made.get(1), next.segment(), "the segment after it, though it starts mid-GOP");
    assertTrue(next.live());
    assertEquals(0, keyRequests.get());
  }
}
