package cairn.lab.scenario;

import static cairn.lab.scenario.RateLogTest.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The target step function, the below-top criterion and the rate section, on decisions written by hand. */
class RateFiguresTest {

    private static final long START = 1_700_000_000_000L;

    /** cam1 starts at 1 s at its top, steps down at 4.5 s and back up at 9 s; cam2 starts held back at 2 s. */
    private static RateLog twoCameras() {
        return RateLog.parse(List.of(
                rate(START + 1000, "cam1", 4, 2500, 30, 720, 2500, "start"),
                rate(START + 2000, "cam2", 1, 300, 10, 360, 1000, "start"),
                "{\"at_ms\": " + (START + 3000) + ", \"type\": \"outage_start\"}",
                rate(START + 4500, "cam1", 2, 800, 30, 720, 2500, "the queue held 3 s"),
                "{\"at_ms\": " + (START + 6000) + ", \"type\": \"outage_end\"}",
                rate(START + 9000, "cam1", 4, 2500, 30, 720, 2500, "the estimate is back above 3000 kbit/s")));
    }

    @Test
    void theTargetIsTheSumOfEachCamerasLastDecisionAsASteps() {
        RateFigures f = new RateFigures(twoCameras(), 1500);
        assertEquals(0, f.targetKbpsAt(START + 999), "before any decision: nothing encoded yet");
        assertEquals(2500, f.targetKbpsAt(START + 1000), "a decision counts from its own millisecond");
        assertEquals(2800, f.targetKbpsAt(START + 2000));
        assertEquals(2800, f.targetKbpsAt(START + 4000));
        assertEquals(1100, f.targetKbpsAt(START + 5000), "end of second 4: cam1's step down at 4.5 s");
        assertEquals(1100, f.targetKbpsAt(START + 8999));
        assertEquals(2800, f.targetKbpsAt(START + 9000));
        assertEquals(2800, f.targetKbpsAt(START + 3_600_000), "the last decision holds on");
    }

    @Test
    void withoutDecisionsTheTargetIsTheEncodersCap() {
        assertEquals(1500, new RateFigures(RateLog.missing(), 1500).targetKbpsAt(START));
        RateLog onlyEvents = RateLog.parse(List.of("{\"at_ms\": 1, \"type\": \"outage_start\"}"));
        assertEquals(1500, new RateFigures(onlyEvents, 1500).targetKbpsAt(START));
        assertFalse(new RateFigures(onlyEvents, 1500).belowTopThroughout(START, START + 1000));
    }

    @Test
    void belowTopOnlyWhenEveryCameraHasADecisionAndTogetherTheyAreBelowTheirTops() {
        RateFigures f = new RateFigures(twoCameras(), 1500);
        assertFalse(f.belowTopThroughout(START + 1000, START + 2000), "cam2 has no decision before 2 s");
        assertTrue(f.belowTopThroughout(START + 2000, START + 3000), "cam2 is held below its top");
        assertTrue(f.belowTopThroughout(START + 4000, START + 5000), "a step inside the second");
        assertTrue(f.belowTopThroughout(START + 8000, START + 9000), "the step up comes at the next second's start");

        RateLog oneCamera = RateLog.parse(List.of(rate(START, "cam1", 4, 2500, 30, 720, 2500, "start"),
                rate(START + 4500, "cam1", 2, 800, 30, 720, 2500, "down"),
                rate(START + 7500, "cam1", 4, 2500, 30, 720, 2500, "up")));
        RateFigures one = new RateFigures(oneCamera, 2500);
        assertFalse(one.belowTopThroughout(START + 3000, START + 4000), "at the top");
        assertFalse(one.belowTopThroughout(START + 4000, START + 5000), "at the top until 4.5 s");
        assertTrue(one.belowTopThroughout(START + 5000, START + 7000));
        assertFalse(one.belowTopThroughout(START + 7000, START + 8000), "back at the top from 7.5 s");
    }

    @Test
    void aFixedRateIsNeverBelowItsTop() {
        RateLog fixed = RateLog.parse(List.of(rate(START, "cam1", 0, 800, 0, 0, 800, "fixed")));
        RateFigures f = new RateFigures(fixed, 1500);
        assertEquals(800, f.targetKbpsAt(START + 10_000));
        assertFalse(f.belowTopThroughout(START + 1000, START + 2000));
    }

    @Test
    void theSectionCountsChangesPerMinutePerCameraAndListsTheDecisionsInLinkTime() {
        Map<String, Object> s = new RateFigures(twoCameras(), 1500).section(START, 0.5);
        assertEquals(2L, s.get("changes"));
        assertEquals(2.0, s.get("changes_per_min"), "2 changes / 0.5 min / 2 cameras");
        assertEquals(1L, s.get("outages"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> decisions = (List<Map<String, Object>>) s.get("decisions");
        assertEquals(4, decisions.size());
        assertEquals(4.5, decisions.get(2).get("t"));
        assertEquals(800L, decisions.get(2).get("kbps"));
        assertEquals("the queue held 3 s", decisions.get(2).get("reason"));
        assertNull(new RateFigures(RateLog.missing(), 1500).section(START, 1).get("changes_per_min"));
    }

    @Test
    void atMostAThousandDecisionsAreListed() {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            lines.add(rate(START + i * 100L, "cam1", i % 3, 300 + 100 * (i % 3), 0, 0, 600, i == 0 ? "start" : "x"));
        }
        Map<String, Object> s = new RateFigures(RateLog.parse(lines), 1500).section(START, 2);
        assertEquals(1000, ((List<?>) s.get("decisions")).size());
        assertEquals(1200, s.get("decisions_total"));
        assertEquals(1199L, s.get("changes"));
    }
}
