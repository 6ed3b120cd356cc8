package cairn.hardware.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedPanelTest {
    private final FakeTicker ticker = new FakeTicker();
    private final RecordingLedLines lines = new RecordingLedLines();
    private final LedPanel panel = new LedPanel(lines, ticker);

    @Test
    void firstTickSwitchesEveryLedOffOnceThenWritesNothingWhileNothingChanges() {
        panel.tick();
        for (Led led : Led.values()) {
            assertEquals(List.of(false), lines.writesOf(led), led.name());
        }
        for (int i = 0; i < 100; i++) {
            ticker.advanceMillis(25);
            panel.tick();
        }
        assertEquals(Led.values().length, lines.totalWrites());
    }

    @Test
    void steadyOnIsWrittenOnceNotAtEveryTick() {
        panel.tick();
        lines.clearWrites();
        panel.show(Led.POWER, LedPattern.ON);
        for (int i = 0; i < 40; i++) {
            panel.tick();
            ticker.advanceMillis(25);
        }
        assertEquals(List.of(true), lines.writesOf(Led.POWER));
        assertEquals(1, lines.totalWrites());
    }

    @Test
    void slowBlinkTogglesEveryHalfSecond() {
        panel.show(Led.LINK, LedPattern.BLINK_SLOW);
        for (int i = 0; i < 80; i++) {
            panel.tick();
            ticker.advanceMillis(25);
        }
        assertEquals(List.of(true, false, true, false), lines.writesOf(Led.LINK));
    }

    @Test
    void fastBlinkTogglesEightTimesASecond() {
        panel.show(Led.BACKLOG, LedPattern.BLINK_FAST);
        for (int i = 0; i < 40; i++) {
            panel.tick();
            ticker.advanceMillis(25);
        }
        assertEquals(8, lines.writesOf(Led.BACKLOG).size());
    }

    @Test
    void heartbeatFlashesTwiceThenStaysDarkUntilTheNextBeat() {
        panel.show(Led.POWER, LedPattern.HEARTBEAT);
        panel.tick();
        ticker.advanceMillis(100);
        panel.tick();
        ticker.advanceMillis(150);
        panel.tick();
        ticker.advanceMillis(100);
        panel.tick();
        assertEquals(List.of(true, false, true, false), lines.writesOf(Led.POWER));
        ticker.advanceMillis(1_600);
        panel.tick();
        assertEquals(4, lines.writesOf(Led.POWER).size());
        ticker.advanceMillis(50);
        panel.tick();
        assertEquals(List.of(true, false, true, false, true), lines.writesOf(Led.POWER));
    }

    @Test
    void showingTheSamePatternAgainKeepsThePhase() {
        panel.show(Led.RECORDING, LedPattern.BLINK_SLOW);
        panel.tick();
        ticker.advanceMillis(400);
        panel.show(Led.RECORDING, LedPattern.BLINK_SLOW);
        ticker.advanceMillis(200);
        panel.tick();
        assertEquals(List.of(true, false), lines.writesOf(Led.RECORDING));
    }

    @Test
    void aNewPatternStartsLitAtOnce() {
        panel.show(Led.ERROR, LedPattern.BLINK_SLOW);
        panel.tick();
        ticker.advanceMillis(600);
        panel.tick();
        panel.show(Led.ERROR, LedPattern.BLINK_FAST);
        panel.tick();
        assertEquals(List.of(true, false, true), lines.writesOf(Led.ERROR));
        assertEquals(LedPattern.BLINK_FAST, panel.patternOf(Led.ERROR));
    }

    @Test
    void aFailedWriteIsReportedAndRetriedWhileOtherLedsStillUpdate() {
        lines.breakLine(Led.LINK);
        panel.show(Led.LINK, LedPattern.ON);
        panel.show(Led.POWER, LedPattern.ON);
        assertThrows(IllegalStateException.class, panel::tick);
        assertEquals(List.of(true), lines.writesOf(Led.POWER));
        assertEquals(List.of(), lines.writesOf(Led.LINK));

        lines.repairLine(Led.LINK);
        panel.tick();
        assertEquals(List.of(true), lines.writesOf(Led.LINK));
        assertEquals(List.of(true), lines.writesOf(Led.POWER));
    }
}
