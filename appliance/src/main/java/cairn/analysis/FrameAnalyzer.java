package cairn.analysis;

import cairn.capture.Frame;

/**
 * The analysis stage for one camera: thumbnails each frame, scores its change against the last kept
 * frame and its similarity to the key frame, and lets the {@link FrameDecider} decide. Runs on the
 * camera's encoder thread.
 */
public final class FrameAnalyzer {
  private final ChangeDetector detector;
  private final FrameDecider decider;
  private GreyImage lastKept;
  private GreyImage key;

  public FrameAnalyzer(ChangeDetector detector, FrameDecider decider) {
    this.detector = detector;
    this.decider = decider;
  }

  public Decision analyze(Frame frame) {
    GreyImage thumb = Thumbnailer.of(frame);
    boolean comparable = lastKept != null && lastKept.width() == thumb.width() && lastKept.height() == thumb.height();
    double share = comparable ? detector.score(lastKept, thumb) : 1.0;
    double similarity = comparable ? Ssim.mean(key, thumb) : 0.0;
    Decision d = comparable ? decider.decide(frame.captureNanos(), share, similarity)
        : decider.decide(frame.captureNanos(), 1.0, 1.0);
    if (d.keep()) {
      lastKept = thumb;
      if (d.keyFrame() || key == null || !comparable) {
        key = thumb;
      }
    }
    return d;
  }

  public FrameDecider decider() {
    return decider;
  }
}
