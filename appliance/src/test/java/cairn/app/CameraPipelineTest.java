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
    byte[] px = new byte[Frame.i420Size(w, h)];
    int x0 = (i * 4) % (w - 40);
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
  void withAnUplinkTheEncoderAimsAtTheTargetInShortSegmentsWithoutProfileSwitches() throws Exception {
    // Sensor noise left in (no still-tile filter), so that the picture has the detail to spend bits on.
    try (CameraPipeline p = pipeline("uplink.url=http://127.0.0.1:9/up", "analysis.freeze_still_tiles=false")) {
      p.setTarget(new EncodingTarget(300, 0, 0, 0));
      run(p, 0, 250);
      int firstPart = segments.size();
      p.setTarget(new EncodingTarget(75, 0, 0, 0));
      run(p, 250, 500);
      p.finish(500 * FRAME, 20_000);
      assertEquals(p.framesKept(), framesInSegments());
      assertEquals(500, p.framesKept(), "every frame kept (rate.fill), though the scene only partly moves");
      // rate.segment_seconds, but a key frame (every rate.key_interval) starts a segment at once.
      long full = segments.stream().filter(s -> Math.abs((s.endMonoNanos() - s.startMonoNanos()) / 1e9 - 0.5) < 0.05)
          .count();
      assertTrue(segments.stream().allMatch(s -> s.endMonoNanos() - s.startMonoNanos() <= 550_000_000L), "" + segments);
      assertTrue(full >= segments.size() - 2, full + " of " + segments.size() + " segments last 0.5 s");
      // Seconds 2-10 at 300 kbit/s against seconds 12-20 at 75: the encoder follows its target.
      double high = segmentBytes.subList(4, firstPart).stream().mapToLong(Long::longValue).sum() * 8 / 1000.0
          / ((firstPart - 4) * 0.5);
      double low = segmentBytes.subList(firstPart + 4, segments.size()).stream().mapToLong(Long::longValue).sum()
          * 8 / 1000.0 / ((segments.size() - firstPart - 4) * 0.5);
      assertEquals(300, high, 60, "kbit/s at a target of 300");
      assertEquals(75, low, 20, "kbit/s at a target of 75");
      long keys = segments.stream().filter(SegmentInfo::startsWithKey).count();
      assertEquals(2, keys, "the first frame and rate.key_interval (10 s); a new rate is no key frame: " + segments);
    }
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
