package cairn.app;

import cairn.analysis.Decision;
import cairn.analysis.FrameAnalyzer;
import cairn.capture.Frame;
import cairn.encode.EncodedPacket;
import cairn.encode.EncoderSettings;
import cairn.encode.EncodingTarget;
import cairn.encode.H264Encoder;
import cairn.encode.StillTileFilter;
import cairn.encode.TargetSetter;
import cairn.segment.Segmenter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * One camera's path from frame to segment: analysis decides, the still-tile filter trims, the
 * encoder encodes, the segmenter cuts. Driven by frames' own capture times, so the same code runs
 * live (fed by the capture thread) and as fast as possible (fed from a file by codec-bench).
 *
 * <p>Threading: {@link #process} and {@link #finish} on one thread; {@link #setTarget} from any.
 */
public final class CameraPipeline implements TargetSetter, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CameraPipeline.class.getName());

  private final String camera;
  private final FrameAnalyzer analyzer;
  private final StillTileFilter filter;
  private final Segmenter segmenter;
  private final double nominalFps;
  private final AtomicReference<EncodingTarget> pendingTarget = new AtomicReference<>();
  private EncoderSettings settings;
  private EncoderSettings nextSettings;
  private H264Encoder encoder;
  private boolean reopenAtBoundary;
  private long originNanos = Long.MIN_VALUE;
  private long lastPts = -1;
  private long lastFrameNanos;
  private long lastFrameWall;
  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong framesKept = new AtomicLong();
  private final AtomicLong keyFrames = new AtomicLong();
  private volatile boolean motion;

  public CameraPipeline(String camera, FrameAnalyzer analyzer, StillTileFilter filter, Segmenter segmenter,
      EncoderSettings settings, double nominalFps) {
    this.camera = camera;
    this.analyzer = analyzer;
    this.filter = filter;
    this.segmenter = segmenter;
    this.settings = settings;
    this.nextSettings = settings;
    this.nominalFps = nominalFps;
  }

  public void process(Frame frame) throws IOException {
    framesIn.incrementAndGet();
    long t = frame.captureNanos();
    if (originNanos == Long.MIN_VALUE) {
      originNanos = t;
    }
    lastFrameNanos = t;
    lastFrameWall = frame.wallMillis();
    Decision d = analyzer.analyze(frame);
    motion = d.motion();
    applyLiveTarget();
    if (segmenter.due(t, d.motion())) {
      segmenter.cut(t, frame.wallMillis());
      reopenIfPending();
    }
    if (!d.keep()) {
      return;
    }
    boolean key = d.keyFrame();
    if (encoder == null || !encoder.accepts(frame.width(), frame.height())) {
      openEncoder(frame);
      key = true;
    }
    byte[] pixels = filter == null ? frame.i420() : filter.apply(frame.i420(), frame.width(), frame.height(), key);
    for (EncodedPacket p : encoder.encode(pixels, nextPts(t), key)) {
      segmenter.add(p, t, frame.wallMillis(), encoder.width(), encoder.height(), encoder.codecName());
      if (p.key()) {
        keyFrames.incrementAndGet();
      }
    }
    framesKept.incrementAndGet();
  }

  /** Cuts an idle segment when no frame comes (a lost camera) once it is long enough. */
  public void tick(long nowNanos, long wallMillis) throws IOException {
    if (segmenter.due(nowNanos, motion)) {
      segmenter.cut(nowNanos, wallMillis);
    }
  }

  /** Ends the stream: flushes the encoder and closes the last segment at {@code endNanos}. */
  public void finish(long endNanos, long endWall) throws IOException {
    if (encoder != null) {
      for (EncodedPacket p : encoder.flush()) {
        segmenter.add(p, lastFrameNanos, lastFrameWall, encoder.width(), encoder.height(), encoder.codecName());
      }
      encoder.close();
      encoder = null;
    }
    segmenter.cut(endNanos, endWall);
  }

  @Override
  public void setTarget(EncodingTarget target) {
    pendingTarget.set(target);
  }

  private void applyLiveTarget() {
    EncodingTarget t = pendingTarget.getAndSet(null);
    if (t == null) {
      return;
    }
    analyzer.decider().setFpsCap(t.maxFps());
    nextSettings = nextSettings.withCap(t.maxKbps()).withSize(t.width(), t.height());
    boolean sizeChanges = nextSettings.width() != settings.width() || nextSettings.height() != settings.height();
    if (encoder == null || sizeChanges || !encoder.setCap(t.maxKbps())) {
      reopenAtBoundary = true;
    } else {
      settings = nextSettings;
    }
  }

  private void reopenIfPending() throws IOException {
    if (reopenAtBoundary) {
      settings = nextSettings;
      if (encoder != null) {
        // A hardware encoder may still hold frames: they open the next segment.
        for (EncodedPacket p : encoder.flush()) {
          segmenter.add(p, lastFrameNanos, lastFrameWall, encoder.width(), encoder.height(), encoder.codecName());
        }
        encoder.close();
        encoder = null;
      }
      reopenAtBoundary = false;
    }
  }

  private void openEncoder(Frame frame) throws IOException {
    if (encoder != null) {
      encoder.close();
    }
    encoder = H264Encoder.open(settings, frame.width(), frame.height(), nominalFps);
    LOG.info(camera + ": encoder " + encoder.describe());
  }

  /** 90 kHz presentation time from capture time; strictly increasing, as MPEG-TS needs. */
  private long nextPts(long captureNanos) {
    long pts = (captureNanos - originNanos) * 9 / 100_000;
    if (pts <= lastPts) {
      pts = lastPts + 1;
    }
    lastPts = pts;
    return pts;
  }

  public String camera() {
    return camera;
  }

  public long framesIn() {
    return framesIn.get();
  }

  public long framesKept() {
    return framesKept.get();
  }

  public long keyFrames() {
    return keyFrames.get();
  }

  public boolean inMotion() {
    return motion;
  }

  public double frozenShare() {
    return filter == null ? 0 : filter.frozenShare();
  }

  @Override
  public void close() {
    if (encoder != null) {
      encoder.close();
      encoder = null;
    }
  }
}
