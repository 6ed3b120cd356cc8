package cairn.app;

import cairn.analysis.Decision;
import cairn.analysis.FrameAnalyzer;
import cairn.capture.Frame;
import cairn.encode.EncodedPacket;
import cairn.encode.EncoderProfile;
import cairn.encode.EncoderSettings;
import cairn.encode.EncodingTarget;
import cairn.encode.H264Encoder;
import cairn.encode.StillTileFilter;
import cairn.encode.TargetSetter;
import cairn.segment.Segmenter;
import java.io.IOException;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * One camera's path from frame to segment: analysis decides, the still-tile filter trims, the
 * encoder encodes, the segmenter cuts. Driven by frames' own capture times, so the same code runs
 * live (fed by the capture thread) and as fast as possible (fed from a file by codec-bench).
 *
 * <pre>
 *   motion starts ──▶ drain the IMMEDIATE encoder, open EFFICIENT, key frame, new segment
 *   motion ends   ──▶ drain the EFFICIENT encoder, open IMMEDIATE, key frame, new segment
 * </pre>
 *
 * Each switch starts a new group of pictures, so a motion episode decodes on its own.
 *
 * <p>Threading: {@link #process}, {@link #tick} and {@link #finish} on one thread;
 * {@link #setTarget} from any.
 */
public final class CameraPipeline implements TargetSetter, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CameraPipeline.class.getName());
  /** Timestamps start one second in, so decode times (earlier than presentation) stay positive. */
  private static final long PTS_OFFSET = 90_000;
  /** A camera silent this long while the encoder holds frames: give them out (camera lost). */
  private static final long STALL_NANOS = 1_000_000_000L;

  private record Capture(long mono, long wall) {}

  private final String camera;
  private final FrameAnalyzer analyzer;
  private final StillTileFilter filter;
  private final Segmenter segmenter;
  private final double nominalFps;
  private final AtomicReference<EncodingTarget> pendingTarget = new AtomicReference<>();
  private final TreeMap<Long, Capture> inEncoder = new TreeMap<>();
  private EncoderSettings settings;
  private EncoderSettings nextSettings;
  private H264Encoder encoder;
  private boolean reopenPending;
  private boolean cutBeforeNext;
  private long originNanos = Long.MIN_VALUE;
  private long lastPts = -1;
  private long lastDts = Long.MIN_VALUE;
  private long lastFrameNanos;
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
    Decision d = analyzer.analyze(frame);
    motion = d.motion();
    applyLiveTarget();
    if (!d.keep()) {
      if (inEncoder.isEmpty() && segmenter.due(t, motion)) {
        segmenter.cut(t, frame.wallMillis());
      }
      return;
    }
    EncoderProfile wanted = motion ? EncoderProfile.EFFICIENT : EncoderProfile.IMMEDIATE;
    boolean key = d.keyFrame();
    if (encoder == null || reopenPending || encoder.profile() != wanted
        || !encoder.accepts(frame.width(), frame.height())) {
      drainEncoder();
      settings = nextSettings;
      reopenPending = false;
      encoder = H264Encoder.open(settings, wanted, frame.width(), frame.height(), nominalFps);
      LOG.fine(() -> camera + ": encoder " + encoder.describe());
      key = true;
      cutBeforeNext = true;
    }
    if (key) {
      cutBeforeNext = true;
    }
    byte[] pixels = filter == null ? frame.i420() : filter.apply(frame.i420(), frame.width(), frame.height(), key);
    long pts = nextPts(t);
    inEncoder.put(pts, new Capture(t, frame.wallMillis()));
    for (EncodedPacket p : encoder.encode(pixels, pts, key)) {
      emit(p);
    }
    framesKept.incrementAndGet();
  }

  private void emit(EncodedPacket p) throws IOException {
    Capture c = inEncoder.remove(p.pts90k());
    if (c == null) {
      throw new IOException("encoder returned a packet for a picture it was not given (pts " + p.pts90k() + ")");
    }
    if (segmenter.isCutPoint(p) && (cutBeforeNext && p.key() || segmenter.due(c.mono(), motion))) {
      // The next segment starts with the earliest picture not yet given out.
      Capture start = inEncoder.isEmpty() || inEncoder.firstEntry().getValue().mono() > c.mono() ? c
          : inEncoder.firstEntry().getValue();
      segmenter.cut(start.mono(), start.wall());
    }
    if (p.key()) {
      cutBeforeNext = false;
      keyFrames.incrementAndGet();
    }
    segmenter.add(monotonicDts(p), c.mono(), c.wall(), encoder.width(), encoder.height(), encoder.codecName());
  }

  /** Gives out every picture the encoder still holds and closes it. */
  private void drainEncoder() throws IOException {
    if (encoder == null) {
      return;
    }
    for (EncodedPacket p : encoder.flush()) {
      emit(p);
    }
    encoder.close();
    encoder = null;
    inEncoder.clear();
  }

  /**
   * Called when no frame came for a while: if the camera has gone quiet with pictures still inside
   * the encoder they are given out, and a still segment is cut once it is long enough.
   */
  public void tick(long nowNanos, long wallMillis) throws IOException {
    if (!inEncoder.isEmpty() && nowNanos - lastFrameNanos > STALL_NANOS) {
      drainEncoder();
    }
    if (inEncoder.isEmpty() && segmenter.due(nowNanos, false)) {
      segmenter.cut(nowNanos, wallMillis);
    }
  }

  /** Ends the stream: drains the encoder and closes the last segment at {@code endNanos}. */
  public void finish(long endNanos, long endWall) throws IOException {
    drainEncoder();
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
    if (encoder != null && !sizeChanges && encoder.setCap(t.maxKbps())) {
      settings = nextSettings;
    } else if (encoder != null) {
      // Reopened before the next kept frame; that frame is a key frame and starts a segment.
      reopenPending = true;
    }
  }

  /**
   * A freshly opened encoder with B-frames starts its decode times a few frames before the first
   * picture, which can fall behind the previous encoder's last one. Decode times only pace the
   * decoder, so they are moved up to stay increasing; never past the presentation time.
   */
  private EncodedPacket monotonicDts(EncodedPacket p) {
    long dts = Math.min(p.pts90k(), Math.max(p.dts90k(), lastDts + 1));
    lastDts = dts;
    return dts == p.dts90k() ? p : new EncodedPacket(p.data(), p.pts90k(), dts, p.key());
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
