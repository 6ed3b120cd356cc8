package cairn.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
  private final Random rnd = new Random(1);

  @Test
  void sensorNoiseIsNotChange() {
    ChangeDetector d = new ChangeDetector(3.0);
    GreyImage ref = Thumbnailer.of(Images.scene(0, 0, 6, -1, 0, rnd));
    double worst = 0;
    for (int i = 1; i < 50; i++) {
      worst = Math.max(worst, d.score(ref, Thumbnailer.of(Images.scene(i, 0, 6, -1, 0, rnd))));
    }
    assertTrue(worst < 0.01, "noise scored " + worst);
  }

  @Test
  void aMovingObjectIsChange() {
    ChangeDetector d = new ChangeDetector(3.0);
    GreyImage ref = Thumbnailer.of(Images.scene(0, 0, 3, -1, 0, rnd));
    for (int i = 1; i < 10; i++) {
      d.score(ref, Thumbnailer.of(Images.scene(i, 0, 3, -1, 0, rnd)));
    }
    double share = d.score(ref, Thumbnailer.of(Images.scene(10, 0, 3, 100, 0, rnd)));
    // A 40x40 square in 320x240 covers about 2% of the picture.
    assertTrue(share > 0.01 && share < 0.1, "square scored " + share);
  }

  @Test
  void lightChangingOverTheWholePictureIsNotChange() {
    ChangeDetector d = new ChangeDetector(3.0);
    GreyImage ref = Thumbnailer.of(Images.scene(0, 0, 2, -1, 0, rnd));
    double share = d.score(ref, Thumbnailer.of(Images.scene(1, 0, 2, -1, 25, rnd)));
    assertTrue(share < 0.01, "a brighter picture scored " + share);
  }
}
