package cairn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EncoderSettingsTest {
  private static EncoderSettings crf(int crf) {
    return new EncoderSettings("libx264", "veryfast", crf, 1000, 2, 0, 0);
  }

  @Test
  void autoQualityRisesOneStepPerDoublingOfThePixels() {
    EncoderSettings auto = crf(-1);
    assertEquals(24, auto.crfFor(320, 240));
    assertEquals(26, auto.crfFor(640, 480));
    assertEquals(28, auto.crfFor(1280, 720));
    assertEquals(30, auto.crfFor(3840, 2160));
    assertEquals(22, auto.crfFor(160, 120));
  }

  @Test
  void aChosenQualityIsKept() {
    assertEquals(31, crf(31).crfFor(1280, 720));
  }
}
