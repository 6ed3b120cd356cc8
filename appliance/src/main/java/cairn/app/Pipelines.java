package cairn.app;

import cairn.analysis.ChangeDetector;
import cairn.analysis.FrameAnalyzer;
import cairn.analysis.FrameDecider;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.CairnConfig;
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

  private Pipelines() {}

  public static EncoderSettings encoderSettings(CairnConfig c) {
    return new EncoderSettings(c.encoder().codec(), c.encoder().preset(), c.encoder().crf(), c.encoder().maxKbps(),
        BUFFER_SECONDS, 0, 0);
  }

  public static CameraPipeline create(String camera, CairnConfig c, double nominalFps, String bootId,
      SegmentSink sink, BooleanSupplier clockSynced, EventBus bus) {
    FrameDecider decider = new FrameDecider(c.analysis(), c.encoder().maxKeyIntervalS(),
        (started, atNanos, share) -> bus.publish(Event.of(started ? "motion_start" : "motion_end", Instant.now(),
            "camera", camera, "change", Math.round(share * 1000) / 1000.0)));
    FrameAnalyzer analyzer = new FrameAnalyzer(new ChangeDetector(c.analysis().noiseFactor()), decider);
    Segmenter segmenter = new Segmenter(camera, bootId, c.segment(), sink, clockSynced);
    StillTileFilter filter = c.analysis().freezeStillTiles() ? new StillTileFilter() : null;
    return new CameraPipeline(camera, analyzer, filter, segmenter, encoderSettings(c), nominalFps);
  }
}
