package cairn.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import cairn.config.Ladder;
import cairn.config.Rung;
import cairn.encode.EncodingTarget;
import org.junit.jupiter.api.Test;

class LadderTest {
  @Test
  void parsesAndWritesBackTheSameText() {
    Ladder l = Ladder.parse("1200@25, 600@12.5/540, 100@2/360");
    assertEquals(new Rung(600, 12.5, 540), l.get(1));
    assertEquals("1200@25, 600@12.50/540, 100@2/360", l.toString());
    assertEquals(l, Ladder.parse(l.toString()));
    assertEquals(Ladder.parse(Ladder.DEFAULT).toString(), Ladder.DEFAULT.replace(" ", "").replace(",", ", "));
  }

  @Test
  void bestWithinPicksTheHighestRungThatFitsOrTheBottom() {
    Ladder l = Ladder.parse("1200@25, 600@12, 100@2");
    assertEquals(0, l.bestWithin(5000));
    assertEquals(1, l.bestWithin(1199));
    assertEquals(2, l.bestWithin(10));
  }

  @Test
  void refusesWhatIsNotALadderWithAReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Ladder.parse("600@25, 1200@25")).getMessage()
        .contains("rungs must fall in bitrate"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Ladder.parse("600k@25")).getMessage()
        .contains("is not KBPS@FPS"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Ladder.parse(" , ")).getMessage()
        .contains("at least one rung"));
    assertThrows(IllegalArgumentException.class, () -> Ladder.parse("10@25"));
  }

  @Test
  void aRungKeepsTheCamerasAspectAndNeverUpscales() {
    EncodingTarget t = RateLoop.targetAt(Rung.parse("450@15/540"), 450);
    assertEquals(960, t.sizeFor(1280, 720)[0]);
    assertEquals(540, t.sizeFor(1280, 720)[1]);
    assertEquals(0, t.sizeFor(640, 480)[0], "the camera is smaller: its own size");
  }
}
