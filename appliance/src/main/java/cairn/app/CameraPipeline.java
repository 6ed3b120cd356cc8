package cairn.app;

import cairn.analysis.Decision;
import cairn.analysis.FrameAnalyzer;
import cairn.capture.Frame;
import cairn.encode.EncoderProfile;
import cairn.encode.EncoderSettings;
import cairn.encode.EncodingTarget;
import cairn.encode.KeyFrameRequester;
import cairn.encode.StillTileFilter;
import cairn.encode.TargetSetter;
import cairn.segment.Segmenter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One camera's path from frame to segment: analysis decides, the still-tile filter trims, the
 * encoder encodes, the segmenter cuts. Driven by frames' own capture times, so the same code runs
 * live (fed by the capture thread) and as fast as possible (fed from a file by codec-bench).
 * Analysis and filtering run on the caller's thread; encoding and segmenting on the
 * {@link EncoderStage}'s, so the two overlap.
 *
 * <p>One encoder for the pipeline's life, {@code EFFICIENT} without an uplink and {@code LIVE}
 * with one: motion starting or ending changes how many frames are kept, never the encoder, so a
 * lull costs no key frame. Key frames come from the decider (first frame, scene change, key
 * interval), a new coded size, a reopen for a rate, or {@link #requestKeyFrame} (live restarts).
 *
 * <p>Threading: {@link #process}, {@link #tick} and {@link #finish} on one thread;
 * {@link #setTarget} from any.
 */
public final class CameraPipeline implements TargetSetter, KeyFrameRequester, AutoCloseable {
  /** Timestamps start one second in, so decode times (earlier than presentation) stay positive. */
  public static final double PTS_ORIGIN_SECONDS = 1.0;
  private static final long PTS_OFFSET = Math.round(PTS_ORIGIN_SECONDS * 90_000);
  /** A camera silent this long while the encoder holds frames: give them out (camera lost). */
  private static final long STALL_NANOS = 1_000_000_000L;

  private final String camera;
  private final FrameAnalyzer analyzer;
  private final StillTileFilter filter;
  private final EncoderStage stage;
  private final AtomicReference<EncodingTarget> pendingTarget = new AtomicReference<>();
  private EncoderSettings settings;
  private final EncoderProfile profile;
  private boolean reopenPending;
  /** Rate change that justifies reopening an encoder that cannot change it live. */
  static final double REOPEN_FOR_RATE = 0.25;
  private int openedKbps;
  private int width;
  private int height;
  private long originNanos = Long.MIN_VALUE;
  private long lastPts = -1;
  private long lastFrameNanos;
  private final AtomicLong framesIn = new AtomicLong();
  private final AtomicLong framesKept = new AtomicLong();
  private volatile boolean motion;
  private volatile boolean keyRequested;

  public CameraPipeline(String camera, FrameAnalyzer analyzer, StillTileFilter filter, Segmenter segmenter,
      EncoderSettings settings, double nominalFps, boolean live) {
    this.camera = camera;
    this.profile = live ? EncoderProfile.LIVE : EncoderProfile.EFFICIENT;
    this.analyzer = analyzer;
    this.filter = filter;
    this.settings = settings;
    this.openedKbps = settings.maxKbps();
    this.stage = new EncoderStage(camera, segmenter, nominalFps);
  }

  public void process(Frame frame) throws IOException {
    framesIn.incrementAndGet();
    long t = frame.captureNanos();
    if (originNanos == Long.MIN_VALUE) {
      originNanos = t;
    }
    lastFrameNanos = t;
    Decision d = analyzer.analyze(frame);
    motion = d.motion();
    applyLiveTarget(frame.width(), frame.height());
    if (!d.keep()) {
      stage.tick(t, frame.wallMillis(), motion, false);
      return;
    }
    // A new encoder (first frame, new size or cap) starts with a key frame.
    boolean reopen = reopenPending;
    boolean key = d.keyFrame() || reopen || frame.width() != width || frame.height() != height || keyRequested;
    keyRequested = false;
    width = frame.width();
    height = frame.height();
    reopenPending = false;
    // The still-tile filter works on a still scene's sparse frames; in motion, at the full frame rate, x264's own
    // decisions cost fewer bytes at equal quality than frozen tiles (which drift from the picture), so frames pass.
    boolean passThrough = key || motion;
    byte[] pixels = filter == null ? frame.i420() : filter.apply(frame.i420(), frame.width(), frame.height(), passThrough);
    stage.submit(new EncoderStage.Picture(pixels, frame.width(), frame.height(), nextPts(t), t, frame.wallMillis(),
        key, motion, profile, settings, reopen));
    framesKept.incrementAndGet();
  }

  /**
   * Called when no frame came for a while: if the camera has gone quiet with pictures still inside
   * the encoder they are given out, and a still segment is cut once it is long enough.
   */
  public void tick(long nowNanos, long wallMillis) throws IOException {
    stage.tick(nowNanos, wallMillis, false, nowNanos - lastFrameNanos > STALL_NANOS);
  }

  /** Ends the stream: drains the encoder and closes the last segment at {@code endNanos}. */
  public void finish(long endNanos, long endWall) throws IOException {
    stage.finish(endNanos, endWall);
  }

  @Override
  public void requestKeyFrame() {
    keyRequested = true;
  }

  @Override
  public void setTarget(EncodingTarget target) {
    pendingTarget.set(target);
  }

  private void applyLiveTarget(int frameWidth, int frameHeight) throws IOException {
    EncodingTarget t = pendingTarget.getAndSet(null);
    if (t == null) {
      return;
    }
    analyzer.decider().setFpsCap(t.maxFps());
    int[] size = t.sizeFor(frameWidth, frameHeight);
    EncoderSettings next = settings.withCap(t.maxKbps()).withSize(size[0], size[1]);
    boolean sizeChanges = next.width() != settings.width() || next.height() != settings.height();
    settings = next;
    if (sizeChanges) {
      reopenPending = true; // with the next kept frame, which is then a key frame and starts a segment
    } else if (!stage.setCap(t.maxKbps())) {
      // An encoder that reads its rate only when opened (the Pi's) costs a key frame per change: the
      // rate controller's small steps within a rung wait until the rate is a quarter away.
      reopenPending |= Math.abs(t.maxKbps() - openedKbps) >= openedKbps * REOPEN_FOR_RATE;
    }
    if (reopenPending) {
      openedKbps = t.maxKbps();
    }
  }

  /** 90 kHz presentation time from capture time; strictly increasing, as MPEG-TS needs. */
  private long nextPts(long captureNanos) {
    long pts = PTS_OFFSET + (captureNanos - originNanos) * 9 / 100_000;
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
    return stage.keyFrames();
  }

  public boolean inMotion() {
    return motion;
  }

  public double frozenShare() {
    return filter == null ? 0 : filter.frozenShare();
  }

  @Override
  public void close() {
    stage.close();
  }
}
