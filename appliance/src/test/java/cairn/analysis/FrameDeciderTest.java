package cairn.analysis;

import static org.junit.jupiter.api.Assertions.*;

import cairn.config.CairnConfig.AnalysisConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision logic on scripted change scores, with frame times as the only clock. */
class FrameDeciderTest {
  private static final long FRAME = 40_000_000L; // 25 fps
  private final AnalysisConfig config = new AnalysisConfig(4.0, 0.01, 3.0, 3.0, 0.75, true);
  private final List<String> motion = new ArrayList<>();
  private final FrameDecider decider = new FrameDecider(config, 60,
      (started, at, share) -> motion.add((started ? "start@" : "end@") + at / FRAME));

  private int keep(int fromFrame, int frames, double share, double similarity) {
    int kept = 0;
    for (int i = fromFrame; i < fromFrame + frames; i++) {
      if (decider.decide(i * FRAME, share, similarity).keep()) {
        kept++;
      }
    }
    return kept;
  }

  @Test
  void aStillSceneKeepsOneFrameEveryIdleInterval() {
    int kept = keep(0, 25 * 60 + 1, 0.0, 0.99); // 0 s to 60 s inclusive
    assertEquals(1 + 60 / 4, kept);
    assertTrue(motion.isEmpty());
  }

  @Test
  void motionKeepsEveryFrameAndEndsAfterTheHold() {
    keep(0, 100, 0.0, 0.99);
    assertEquals(50, keep(100, 50, 0.05, 0.95));
    assertEquals(List.of("start@101"), motion);
    // Three seconds of hold at full rate, then back to the idle rate.
    int afterMotion = keep(150, 25 * 10, 0.0, 0.95);
    assertEquals(List.of("start@101", "end@225"), motion);
    assertTrue(afterMotion >= 75 && afterMotion <= 80, "kept " + afterMotion);
  }

  @Test
  void oneOddFrameIsNotMotion() {
    keep(0, 50, 0.0, 0.99);
    decider.decide(50 * FRAME, 0.2, 0.99);
    keep(51, 50, 0.0, 0.99);
    assertTrue(motion.isEmpty());
  }

  @Test
  void aSceneChangeForcesAKeyFrameAtOnce() {
    keep(0, 30, 0.0, 0.99);
    Decision d = decider.decide(30 * FRAME, 0.0, 0.3);
    assertTrue(d.keep() && d.keyFrame());
  }

  @Test
  void keyFramesComeAtLeastEveryMaxKeyInterval() {
    int keys = 0;
    for (int i = 0; i < 25 * 150; i++) {
      if (decider.decide(i * FRAME, 0.05, 0.95).keyFrame()) {
        keys++;
      }
    }
    assertEquals(3, keys); // at 0 s, 60 s, 120 s
  }

  @Test
  void theFpsCapThinsMotionEvenly() {
    decider.setFpsCap(10);
    int kept = keep(0, 250, 0.05, 0.95);
    assertTrue(kept >= 99 && kept <= 102, "kept " + kept + " of 250 frames at a 10 fps cap");
  }
}
