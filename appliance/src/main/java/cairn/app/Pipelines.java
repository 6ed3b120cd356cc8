package cairn.app;

import cairn.analysis.ChangeDetector;
import cairn.analysis.FrameAnalyzer;
import cairn.analysis.FrameDecider;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.CairnConfig;
import cairn.config.CairnConfig.SegmentConfig;
import cairn.encode.EncoderSettings;
import cairn.encode.StillTileFilter;
import cairn.segment.SegmentSink;
import cairn.segment.Segmenter;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Builds a camera's {@link CameraPipeline} from the config; the appliance and codec-bench share it. */
public final class Pipelines {
  /** The VBV buffer: two seconds of the cap smooths a segment without letting it burst. */
  static final double BUFFER_SECONDS = 2.0;
  /**
   * With an uplink, one second: a 0.5 s segment then never exceeds about three times its share, so
   * a key frame costs the live stream a fraction of a second, not several.
   */
  static final double LIVE_BUFFER_SECONDS = 1.0;

  private Pipelines() {}

  public static EncoderSettings encoderSettings(CairnConfig c) {
    return new EncoderSettings(c.encoder().codec(), c.encoder().preset(), c.encoder().crf(), c.encoder().maxKbps(),
        live(c) ? LIVE_BUFFER_SECONDS : BUFFER_SECONDS, 0, 0);
  }

  /**
   * With an uplink the camera streams live: the zero-latency encoder, short segments of the same
   * length still or moving, and key frames in motion often enough for viewers to join.
   */
  public static boolean live(CairnConfig c) {
    return c.uplink().enabled();
  }

  public static CameraPipeline create(String camera, CairnConfig c, double nominalFps, String bootId,
      SegmentSink sink, BooleanSupplier clockSynced, EventBus bus) {
    boolean live = live(c);
    double stillKeyInterval = c.encoder().maxKeyIntervalS();
    double motionKeyInterval = live ? Math.min(c.rate().keyIntervalS(), stillKeyInterval) : stillKeyInterval;
    FrameDecider decider = new FrameDecider(c.analysis(), motionKeyInterval, stillKeyInterval,
        (started, atNanos, share) -> bus.publish(Event.of(started ? "motion_start" : "motion_end", Instant.now(),
            "camera", camera, "change", Math.round(share * 1000) / 1000.0)));
    FrameAnalyzer analyzer = new FrameAnalyzer(new ChangeDetector(c.analysis().noiseFactor()), decider);
    decider.setFill(live && c.rate().fill());
    SegmentConfig segments = live ? new SegmentConfig(c.rate().segmentSeconds(), c.rate().segmentSeconds())
        : c.segment();
    Segmenter segmenter = new Segmenter(camera, bootId, segments, sink, clockSynced);
    StillTileFilter filter = c.analysis().freezeStillTiles() ? new StillTileFilter() : null;
    return new CameraPipeline(camera, analyzer, filter, segmenter, encoderSettings(c), nominalFps, live);
  }
}
