package cairn.analysis;

import cairn.config.CairnConfig.AnalysisConfig;

/**
 * Keeps or skips frames and forces key frames, with hysteresis so that a single odd frame neither
 * starts nor ends motion. Time is the frames' own capture time, so decisions replay exactly.
 *
 * <pre>
 *            2 frames in a row with change ≥ motion_share
 *   STILL ──────────────────────────────────────────────▶ MOTION   (keep every frame, up to the fps cap)
 *   (keep one frame per idle_interval)  ◀───────────────   no change for motion_hold
 * </pre>
 *
 * A frame that changed a lot against the key (similarity below {@code key_similarity}: lights,
 * a moved camera) is kept as a key frame at once. The wait for the next key is bounded by one
 * interval in motion and another while still: live viewers join at a key frame, and on a still
 * scene a key frame costs more than everything between two of them. Not thread-safe; one per camera.
 */
public final class FrameDecider {
  /** Reported on every change of the motion state. */
  public interface MotionListener {
    void motion(boolean started, long atNanos, double changeShare);
  }

  private static final int FRAMES_TO_START = 2;

  private final AnalysisConfig config;
  private final long motionKeyIntervalNanos;
  private final long stillKeyIntervalNanos;
  private final MotionListener listener;
  private volatile double fpsCap;
  private volatile boolean fill;
  private boolean motion;
  private int streak;
  private long lastMotionNanos;
  private long lastKeptNanos = Long.MIN_VALUE;
  private long lastKeyNanos;
  private long nextDueNanos;

  public FrameDecider(AnalysisConfig config, double maxKeyIntervalS, MotionListener listener) {
    this(config, maxKeyIntervalS, maxKeyIntervalS, listener);
  }

  /** Key frames at most {@code motionKeyIntervalS} apart in motion, {@code stillKeyIntervalS} while still. */
  public FrameDecider(AnalysisConfig config, double motionKeyIntervalS, double stillKeyIntervalS,
      MotionListener listener) {
    this.config = config;
    this.motionKeyIntervalNanos = (long) (motionKeyIntervalS * 1e9);
    this.stillKeyIntervalNanos = (long) (stillKeyIntervalS * 1e9);
    this.listener = listener;
  }

  /** Caps the kept frame rate while in motion; 0 means no cap. Any thread. */
  public void setFpsCap(double fps) {
    this.fpsCap = fps;
  }

  /**
   * Keeps frames at the full rate (up to the fps cap) even while the scene is still ({@code
   * rate.fill}, off by default): smoother still video for many more bytes. Any thread.
   */
  public void setFill(boolean fill) {
    this.fill = fill;
  }

  public Decision decide(long t, double changeShare, double similarityToKey) {
    boolean first = lastKeptNanos == Long.MIN_VALUE;
    boolean changed = changeShare >= config.motionShare();
    streak = changed ? streak + 1 : 0;
    if (changed) {
      lastMotionNanos = t;
    }
    if (!motion && streak >= FRAMES_TO_START) {
      motion = true;
      listener.motion(true, t, changeShare);
    } else if (motion && t - lastMotionNanos > (long) (config.motionHoldS() * 1e9)) {
      motion = false;
      listener.motion(false, t, changeShare);
    }
    boolean sceneChange = !first && similarityToKey < config.keySimilarity();
    boolean keep = first || sceneChange || (motion || changed || fill ? fullRateDue(t) : idleDue(t));
    long keyInterval = motion ? motionKeyIntervalNanos : stillKeyIntervalNanos;
    boolean key = keep && (first || sceneChange || t - lastKeyNanos >= keyInterval);
    if (keep) {
      lastKeptNanos = t;
      if (key) {
        lastKeyNanos = t;
      }
    }
    return new Decision(keep, key, motion, changeShare, similarityToKey);
  }

  private boolean fullRateDue(long t) {
    double cap = fpsCap;
    if (cap <= 0) {
      return true;
    }
    long interval = (long) (1e9 / cap);
    if (t < nextDueNanos) {
      return false;
    }
    // Keep the average at the cap without bunching after a pause.
    nextDueNanos = Math.max(nextDueNanos + interval, t - interval / 2);
    return true;
  }

  private boolean idleDue(long t) {
    return t - lastKeptNanos >= (long) (config.idleIntervalS() * 1e9) - 1_000_000;
  }

  public boolean inMotion() {
    return motion;
  }
}
