package cairn.spool;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.encode.EncodedPacket;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool's promises: committed means complete, crash leftovers are cleaned, numbers never
 * repeat, the quota evicts whole groups of pictures, wall clocks are corrected.
 */
class SpoolTest {
  @TempDir Path dir;
  private final EventBus bus = new EventBus();
  private final List<Event> events = new ArrayList<>();

  SpoolTest() {
    bus.subscribe(events::add);
  }

  /** A one-packet segment; the spool only stores it, it does not look inside. */
  private static ClosedSegment segment(String cam, boolean key, int size, long startMono, boolean synced) {
    SegmentInfo draft = new SegmentInfo(cam, "boot1", -1, startMono, startMono + 2_000_000_000L, 1000,
        3000, synced, key, 50, 0, "", 320, 240, 0, "libx264");
    // An access unit delimiter and a filler NAL: valid H.264 the muxer accepts, of any size.
    byte[] payload = new byte[Math.max(size, 12)];
    java.util.Arrays.fill(payload, (byte) 0xFF);
    byte[] head = {0, 0, 0, 1, 0x09, (byte) 0xF0, 0, 0, 0, 1, 0x0C};
    System.arraycopy(head, 0, payload, 0, head.length);
    payload[payload.length - 1] = (byte) 0x80;
    return new ClosedSegment(draft, List.of(new EncodedPacket(payload, 0, 0, key)));
  }

  private static Spool fakeTs(Path root, long quota) throws IOException {
    return Spool.open(root, quota, 0, new EventBus());
  }

  @Test
  void committedSegmentsHaveTheirDescriptionAndSurviveReopening() throws Exception {
    Spool s = Spool.open(dir, 1L << 30, 0, bus);
    SegmentInfo a = s.store(segment("cam", true, 1000, 0, true));
    SegmentInfo b = s.store(segment("cam", false, 1000, 2_000_000_000L, true));
    assertEquals(0, a.sequence());
    assertEquals(1, b.sequence());
    assertEquals(Files.size(s.file(a)), a.bytes());
    assertEquals(Spool.sha256(Files.readAllBytes(s.file(a))), a.sha256());
    Spool again = Spool.open(dir, 1L << 30, 0, bus);
    assertEquals(List.of(a, b), again.segments("cam"));
    assertTrue(again.recoveryReport().isEmpty());
  }

  @Test
  void recoveryRemovesWhatAPowerCutLeftHalfDone() throws Exception {
    Spool s = Spool.open(dir, 1L << 30, 0, bus);
    SegmentInfo good = s.store(segment("cam", true, 500, 0, true));
    SegmentInfo damaged = s.store(segment("cam", false, 500, 1, true));
    Path camDir = dir.resolve("cam");
    Files.write(camDir.resolve(".incoming.ts.tmp"), new byte[10]);
    Files.write(camDir.resolve("000000000007.ts"), new byte[10]); // renamed, description never written
    Files.writeString(camDir.resolve("000000000008.json"), "{\"camera\":"); // torn description
    Files.write(s.file(damaged), new byte[3]); // shorter than recorded
    Spool again = Spool.open(dir, 1L << 30, 0, bus);
    assertEquals(List.of(good), again.segments("cam"));
    assertEquals(4, again.recoveryReport().size(), again.recoveryReport().toString());
    try (Stream<Path> files = Files.list(camDir)) {
      assertEquals(List.of("000000000000.json", "000000000000.ts", "sequence.lease"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void sequenceNumbersNeverRepeatEvenWhenEverythingWasDeleted() throws Exception {
    Spool s = Spool.open(dir, 1L << 30, 0, bus);
    long last = 0;
    for (int i = 0; i < 3; i++) {
      last = s.store(segment("cam", true, 10, i, true)).sequence();
    }
    try (Stream<Path> files = Files.list(dir.resolve("cam"))) {
      for (Path p : files.filter(p -> !p.toString().endsWith(".lease")).toList()) {
        Files.delete(p);
      }
    }
    long next = Spool.open(dir, 1L << 30, 0, bus).store(segment("cam", true, 10, 9, true)).sequence();
    assertTrue(next > last, next + " after " + last);
  }

  @Test
  void theQuotaEvictsTheOldestWholeGroupOfPicturesAndSaysSo() throws Exception {
    // Each segment is about 2.6 kB once packed in MPEG-TS: four fit, six do not.
    Spool s = Spool.open(dir, 11_000, 0, bus);
    // Groups: [K . .] [K . .] [K]
    boolean[] keys = {true, false, false, true, false, false, true};
    for (int i = 0; i < keys.length; i++) {
      s.store(segment("cam", keys[i], 2000, i * 2_000_000_000L, true));
    }
    List<Long> left = s.segments("cam").stream().map(SegmentInfo::sequence).toList();
    assertEquals(List.of(3L, 4L, 5L, 6L), left);
    assertTrue(s.stats().bytes() <= 11_000);
    Event e = events.stream().filter(x -> x.type().equals("spool_evicted")).findFirst().orElseThrow();
    assertEquals(0L, e.fields().get("from_seq"));
    assertEquals(2L, e.fields().get("to_seq"));
    assertEquals("quota", e.fields().get("reason"));
  }

  @Test
  void theGroupStillBeingRecordedIsNeverEvicted() throws Exception {
    Spool s = fakeTs(dir, 3000);
    for (int i = 0; i < 4; i++) {
      s.store(segment("cam", i == 0, 2000, i, true));
    }
    assertEquals(4, s.segments("cam").size(), "one open group, over quota, kept whole");
  }

  @Test
  void aSegmentTheDiskCannotTakeIsRefusedBeforeAnythingIsWritten() throws Exception {
    Spool s = Spool.open(dir, 1L << 30, 1L << 40, bus); // min_free above any disk here
    assertThrows(SpoolFull.class, () -> s.store(segment("cam", true, 2000, 0, true)));
    try (Stream<Path> left = Files.list(dir.resolve("cam"))) {
      assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> !n.equals("sequence.lease"))
          .toList(), "no segment and no temporary file left");
    }
    assertEquals(0, s.stats().segments());
  }

  @Test
  void aGroupThatOutgrowsTheRoomLeftAsksForANewOneWhichThenEvictsIt() throws Exception {
    // About 2.6 kB per segment: under an 11 kB quota, a group of three leaves less than its own size.
    Spool s = Spool.open(dir, 11_000, 0, bus);
    s.store(segment("cam", true, 2000, 0, true));
    assertFalse(s.groupOutgrowsRoom("cam"));
    s.store(segment("cam", false, 2000, 2_000_000_000L, true));
    s.store(segment("cam", false, 2000, 4_000_000_000L, true));
    assertTrue(s.groupOutgrowsRoom("cam"), "the open group is the only footage and no copy of it fits");
    s.store(segment("cam", true, 2000, 6_000_000_000L, true));
    s.store(segment("cam", false, 2000, 8_000_000_000L, true));
    assertEquals(List.of(3L, 4L), s.segments("cam").stream().map(SegmentInfo::sequence).toList(),
        "the new group made the old one evictable before the quota was passed");
    assertTrue(s.stats().bytes() <= 11_000);
  }

  @Test
  void wallClockIsCorrectedForThisBootOnceSynchronised() throws Exception {
    Spool s = Spool.open(dir, 1L << 30, 0, bus);
    SegmentInfo before = s.store(segment("cam", true, 10, 5_000_000_000L, false));
    int n = s.correctWallClock("boot1", 1_700_000_000_000L);
    assertEquals(1, n);
    SegmentInfo after = Spool.open(dir, 1L << 30, 0, bus).segments("cam").get(0);
    assertTrue(after.wallClockSynced());
    assertEquals(1_700_000_005_000L, after.startWallMillis());
    assertEquals(before.sequence(), after.sequence());
    assertEquals(0, s.correctWallClock("boot1", 0), "already corrected");
  }
}
