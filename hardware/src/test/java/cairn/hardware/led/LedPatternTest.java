package cairn.hardware.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LedPatternTest {

    private static boolean litAtMillis(LedPattern pattern, long millis) {
        return pattern.isLitAt(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void offAndOnNeverChange() {
        for (long ms = -3_000; ms <= 3_000; ms += 7) {
            assertFalse(litAtMillis(LedPattern.OFF, ms));
            assertTrue(litAtMillis(LedPattern.ON, ms));
        }
    }

    @Test
    void slowBlinkIsOneHertzHalfOn() {
        assertTrue(litAtMillis(LedPattern.BLINK_SLOW, 0));
        assertTrue(litAtMillis(LedPattern.BLINK_SLOW, 499));
        assertFalse(litAtMillis(LedPattern.BLINK_SLOW, 500));
        assertFalse(litAtMillis(LedPattern.BLINK_SLOW, 999));
        assertTrue(litAtMillis(LedPattern.BLINK_SLOW, 1_000));
        assertEquals(500, litMillisPer(LedPattern.BLINK_SLOW, 1_000));
    }

    @Test
    void fastBlinkIsFourHertzHalfOn() {
        assertTrue(litAtMillis(LedPattern.BLINK_FAST, 0));
        assertFalse(litAtMillis(LedPattern.BLINK_FAST, 125));
        assertTrue(litAtMillis(LedPattern.BLINK_FAST, 250));
        assertEquals(4, risingEdgesPer(LedPattern.BLINK_FAST, 1_000));
        assertEquals(500, litMillisPer(LedPattern.BLINK_FAST, 1_000));
    }

    @Test
    void heartbeatIsTwoShortFlashesEveryTwoSeconds() {
        assertEquals(2, risingEdgesPer(LedPattern.HEARTBEAT, 2_000));
        assertEquals(200, litMillisPer(LedPattern.HEARTBEAT, 2_000));
        assertTrue(litAtMillis(LedPattern.HEARTBEAT, 50));
        assertFalse(litAtMillis(LedPattern.HEARTBEAT, 150));
        assertTrue(litAtMillis(LedPattern.HEARTBEAT, 300));
        assertFalse(litAtMillis(LedPattern.HEARTBEAT, 1_000));
        assertTrue(litAtMillis(LedPattern.HEARTBEAT, 2_050));
    }

    @Test
    void negativeTimesFollowThePeriodInsteadOfFailing() {
        assertTrue(litAtMillis(LedPattern.BLINK_SLOW, -1_000));
        assertFalse(litAtMillis(LedPattern.BLINK_SLOW, -1));
    }

    private static int litMillisPer(LedPattern pattern, long windowMillis) {
        int lit = 0;
        for (long ms = 0; ms < windowMillis; ms++) {
            lit += litAtMillis(pattern, ms) ? 1 : 0;
        }
        return lit;
    }

    private static int risingEdgesPer(LedPattern pattern, long windowMillis) {
        int edges = 0;
        boolean before = litAtMillis(pattern, -1);
        for (long ms = 0; ms < windowMillis; ms++) {
            boolean now = litAtMillis(pattern, ms);
            edges += !before && now ? 1 : 0;
            before = now;
        }
        return edges;
    }

    @Test
    void aBlinkCodeFlashesItsNumberThenPauses() {
        int flashes = 0;
        boolean before = false;
        long period = 3 * 500 + 1_500;
        for (long ms = 0; ms < period; ms += 10) {
            boolean lit = litAtMillis(LedPattern.code(3), ms);
            if (lit && !before) {
                flashes++;
            }
            before = lit;
        }
        assertEquals(3, flashes);
        assertTrue(litAtMillis(LedPattern.CODE_3, period));
        assertFalse(litAtMillis(LedPattern.CODE_3, period - 1));
        assertFalse(litAtMillis(LedPattern.CODE_3, 1_000 + 200));
    }
}
