package cairn.app;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.EventBus;
import cairn.capture.Frame;
import cairn.config.CairnConfig;
import cairn.config.ConfigLoader;
import cairn.encode.EncodingTarget;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recording path on synthetic frames, segments collected in memory. */
class CameraPipelineTest {
  private static final long FRAME = 40_000_000L;
  private final Random rnd = new Random(7);
  private final List<SegmentInfo> segments = new ArrayList<>();
  private final List<Long> segmentBytes = new ArrayList<>();

  private CameraPipeline pipeline(String... sets) throws Exception {
    List<String> all = new ArrayList<>(List.of("segment.seconds=1"));
    all.addAll(List.of(sets));
    CairnConfig c = ConfigLoader.load(Optional.empty(), all);
    return Pipelines.create("cam", c, 25, "boot", (ClosedSegment s) -> {
      segments.add(s.draft());
      segmentBytes.add(s.packets().stream().mapToLong(pk -> pk.data().length).sum());
    }, () -> true, new EventBus());
  }

  /** A textured 320x240 scene with a square moving across it and a little noise. */
  private Frame frame(int i, int w, int h) {
    return frame(i, i, w, h);
  }

  /** Frame {@code i} of the scene, with the square where it is in frame {@code squareAt}. */
  private Frame frame(int squareAt, int i, int w, int h) {
    byte[] px = new byte[Frame.i420Size(w, h)];
    int x0 = (squareAt * 4) % (w - 40);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = 60 + (x + 2 * y) % 90 + rnd.nextInt(3);
        px[y * w + x] = (byte) (x >= x0 && x < x0 + 40 && y >= 80 && y < 120 ? 230 : v);
      }
    }
    java.util.Arrays.fill(px, w * h, px.length, (byte) 128);
    return new Frame("cam", i, w, h, px, i * FRAME, i * 40L);
  }

  private void run(CameraPipeline p, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      p.process(frame(i, 320, 240));
    }
  }

  private int framesInSegments() {
    return segments.stream().mapToInt(SegmentInfo::frames).sum();
  }

  @Test
  void withoutAHardwareEncoderTheConfiguredOneFallsBackToLibx264() throws Exception {
    try (CameraPipeline p = pipeline("encoder.codec=h264_v4l2m2m")) {
      run(p, 0, 60);
      p.finish(60 * FRAME, 2400);
      assertEquals(p.framesKept(), framesInSegments());
      assertTrue(segments.stream().allMatch(s -> s.codec().equals("libx264")), segments.toString());
    }
  }

  @Test
  void aNewTargetTakesEffectWithoutLosingAFrame() throws Exception {
    try (CameraPipeline p = pipeline()) {
      run(p, 0, 50);
      p.setTarget(new EncodingTarget(150, 0, 160, 120));
      run(p, 50, 150);
      p.finish(150 * FRAME, 6000);
      assertEquals(p.framesKept(), framesInSegments(), "every kept frame is in a segment");
      assertEquals(320, segments.get(0).width());
      SegmentInfo last = segments.get(segments.size() - 1);
      assertEquals(160, last.width());
      assertEquals(120, last.height());
      SegmentInfo firstSmall = segments.stream().filter(s -> s.width() == 160).findFirst().orElseThrow();
      assertTrue(firstSmall.startsWithKey(), "the new size starts with a key frame: " + firstSmall);
      for (int i = 1; i < segments.size(); i++) {
        assertEquals(segments.get(i - 1).endMonoNanos(), segments.get(i).startMonoNanos(), "segments tile time");
      }
    }
  }

  @Test
  void withAnUplinkTheTargetIsACapNotARateToFill() throws Exception {
    // Sensor noise left in (no still-tile filter), so that the picture has the detail to spend bits on.
    try (CameraPipeline p = pipeline("uplink.url=http://127.0.0.1:9/up", "analysis.freeze_still_tiles=false")) {
      p.setTarget(new EncodingTarget(3000, 0, 0, 0));
      run(p, 0, 250);
      int firstPart = segments.size();
      p.setTarget(new EncodingTarget(60, 0, 0, 0));
      run(p, 250, 500);
      p.finish(500 * FRAME, 20_000);
      assertEquals(p.framesKept(), framesInSegments());
      assertTrue(segments.stream().allMatch(s -> s.endMonoNanos() - s.startMonoNanos() <= 550_000_000L), "" + segments);
      double high = kbps(4, firstPart);
      double low = kbps(firstPart + 4, segments.size());
      assertTrue(high < 1000, high + " kbit/s under a cap of 3000: the quality wanted, not the cap");
      assertTrue(low <= 60 * 1.2, low + " kbit/s under a cap of 60");
      long keys = segments.stream().filter(SegmentInfo::startsWithKey).count();
      assertEquals(2, keys, "the first frame and rate.key_interval (10 s); a new cap is no key frame: " + segments);
    }
  }

  @Test
  void withAnUplinkAStillSceneCostsAboutWhatItCostsWithout() throws Exception {
    long spoolOnly = stillSceneBytes();
    segments.clear();
    segmentBytes.clear();
    long live = stillSceneBytes("uplink.url=http://127.0.0.1:9/up");
    assertTrue(live <= spoolOnly * 1.5, live + " bytes with an uplink, " + spoolOnly + " without");
    assertEquals(1, segments.stream().filter(SegmentInfo::startsWithKey).count(), "one key frame in 30 s of still");
  }

  /** 30 s of a still scene (noise only) after 2 s of motion: bytes of every segment. */
  private long stillSceneBytes(String... sets) throws Exception {
    try (CameraPipeline p = pipeline(sets)) {
      p.setTarget(new EncodingTarget(1500, 0, 0, 0));
      run(p, 0, 50);
      for (int i = 50; i < 800; i++) {
        p.process(frame(49, i, 320, 240));
      }
      p.finish(800 * FRAME, 32_000);
      // 2 s of motion and the 3 s motion hold at 25 fps, then one frame every 4 s.
      assertTrue(p.framesKept() <= 50 + 75 + 8, p.framesKept() + " frames kept: still frames are skipped");
      return segmentBytes.stream().mapToLong(Long::longValue).sum();
    }
  }

  @Test
  void motionStartingAndEndingCostsNoKeyFrame() throws Exception {
    try (CameraPipeline p = pipeline()) {
      for (int i = 0; i < 1000; i++) {
        p.process(i % 250 < 75 ? frame(i, 320, 240) : frame(0, i, 320, 240));
      }
      p.finish(1000 * FRAME, 40_000);
      assertEquals(p.framesKept(), framesInSegments());
      assertEquals(1, p.keyFrames(), "four lulls in 40 s, one key frame: " + segments);
    }
  }

  private double kbps(int from, int to) {
    long bytes = segmentBytes.subList(from, to).stream().mapToLong(Long::longValue).sum();
    double seconds = segments.subList(from, to).stream().mapToLong(s -> s.endMonoNanos() - s.startMonoNanos()).sum() / 1e9;
    return bytes * 8 / 1000.0 / seconds;
  }

  @Test
  void anEncoderThatTakesItsRateOnlyWhenOpenedIsReopenedForAQuarterNotForEachStep() throws Exception {
    // libopenh264, like the Pi's h264_v4l2m2m, cannot change its rate while open: each reopen costs a key frame.
    try (CameraPipeline p = pipeline("uplink.url=http://127.0.0.1:9/up", "encoder.codec=libopenh264")) {
      p.setTarget(new EncodingTarget(300, 0, 0, 0));
      run(p, 0, 80);
      p.setTarget(new EncodingTarget(260, 0, 0, 0)); // 13% down: waits
      run(p, 80, 160);
      long keysBefore = p.keyFrames();
      p.setTarget(new EncodingTarget(200, 0, 0, 0)); // a third below the rate it was opened at: reopened
      run(p, 160, 240);
      p.finish(240 * FRAME, 9_600);
      assertTrue(segments.stream().allMatch(s -> s.codec().equals("libopenh264")), segments.toString());
      assertEquals(p.framesKept(), framesInSegments(), "a reopen loses no frame");
      assertEquals(1, keysBefore, "the first frame only: the small step did not reopen the encoder");
      assertEquals(2, p.keyFrames(), "the larger step did");
      SegmentInfo reopened = segments.stream().filter(s -> s.startMonoNanos() >= 160 * FRAME)
          .findFirst().orElseThrow();
      assertTrue(reopened.startsWithKey(), "the reopened encoder starts a segment: " + reopened);
    }
  }

  @Test
  void aRequestedKeyFrameStartsTheNextSegment() throws Exception {
    try (CameraPipeline p = pipeline()) {
      run(p, 0, 80);
      int before = (int) segments.stream().filter(SegmentInfo::startsWithKey).count();
      p.requestKeyFrame();
      run(p, 80, 120);
      p.finish(120 * FRAME, 4800);
      assertEquals(before + 1, segments.stream().filter(SegmentInfo::startsWithKey).count(), segments.toString());
    }
  }
}
