package cairn.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {
  private static final long S = 1_000_000_000L;

  @Test
  void requestsThatFailTogetherDoubleItOnceAndASuccessEndsIt() {
    Backoff b = new Backoff(8_000);
    assertFalse(b.holds(0));
    b.failed(0, S);
    b.failed(0, S); // started with the first, failed with it: the same trouble
    b.failed(S / 2, S + 1);
    assertEquals(1000, b.millis());
    assertTrue(b.holds(S + S / 2));
    assertFalse(b.holds(2 * S + 1));
    b.failed(3 * S, 4 * S); // started after the back-off began: it goes on failing
    assertEquals(2000, b.millis());
    for (int i = 0; i < 5; i++) {
      b.failed(10 * S * (i + 1), 10 * S * (i + 1) + 1);
    }
    assertEquals(8000, b.millis(), "capped");
    b.succeeded();
    assertFalse(b.holds(60 * S + 2));
  }
}
