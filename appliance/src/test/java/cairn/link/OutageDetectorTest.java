package cairn.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutageDetectorTest {
  private static final long S = 1_000_000_000L;

  @Test
  void declaredAfterFourSecondsOfWaitingWithoutADeliveryAndEndedByTheFirst() {
    OutageDetector d = new OutageDetector();
    long lastDelivery = 0;
    assertFalse(d.update(1 * S, true, lastDelivery));
    assertFalse(d.update(4 * S, true, lastDelivery));
    assertTrue(d.update(5 * S, true, lastDelivery));
    assertTrue(d.update(30 * S, true, lastDelivery), "still out: nothing delivered");
    assertFalse(d.update(31 * S, true, 30 * S + 1), "the first confirmed delivery ends it");
  }

  @Test
  void nothingToSendIsNotAnOutage() {
    OutageDetector d = new OutageDetector();
    for (long t = 0; t < 60; t++) {
      assertFalse(d.update(t * S, false, Long.MIN_VALUE));
    }
  }

  @Test
  void progressRestartsTheClock() {
    OutageDetector d = new OutageDetector();
    long lastDelivery = 0;
    for (long t = 1; t < 60; t++) {
      if (t % 3 == 0) {
        lastDelivery = t * S; // a slow link: one delivery every three seconds
      }
      assertFalse(d.update(t * S, true, lastDelivery), "t=" + t);
    }
  }
}
