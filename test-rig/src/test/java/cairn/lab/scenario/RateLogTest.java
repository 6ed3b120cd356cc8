package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading {@code box/rate.jsonl} as the appliance appends it, power cuts and newer fields included. */
class RateLogTest {

    static String rate(long at, String camera, int rung, long kbps, double fps, int height, long top, String reason) {
        return String.format(java.util.Locale.ROOT, "{\"at_ms\": %d, \"type\": \"rate\", \"camera\": \"%s\", \"rung\":"
                + " %d, \"kbps\": %d, \"fps\": %.1f, \"height\": %d, \"top_kbps\": %d, \"reason\": \"%s\","
                + " \"estimate_kbps\": 950, \"queue_ms\": 300}", at, camera, rung, kbps, fps, height, top, reason);
    }

    @Test
    void aTornLastLineIsSkippedAndCounted() {
        RateLog log = RateLog.parse(List.of(rate(1000, "cam1", 3, 800, 30, 720, 2500, "start"),
                rate(5000, "cam1", 2, 500, 30, 720, 2500, "the link estimate fell to 600 kbit/s"),
                "{\"at_ms\": 9000, \"type\": \"rate\", \"camera\": \"cam1\", \"ru"));
        assertTrue(log.present());
        assertEquals(2, log.decisions().size());
        assertEquals(1, log.skippedLines());
        assertEquals(500, log.decisions().get(1).kbps());
        assertEquals(950L, log.decisions().get(1).estimateKbps());
    }

    @Test
    void unknownFieldsAndTypesAreIgnoredAndLinesMissingAFigureAreSkipped() {
        RateLog log = RateLog.parse(List.of(
                "{\"at_ms\": 1000, \"type\": \"rate\", \"camera\": \"cam1\", \"rung\": 4, \"kbps\": 2500, \"fps\": 0,"
                        + " \"height\": 0, \"top_kbps\": 2500, \"reason\": \"start\", \"codec\": \"h264\","
                        + " \"nested\": {\"a\": [1, 2]}}",
                "{\"at_ms\": 1500, \"type\": \"modem\", \"rssi\": -70}",
                "{\"at_ms\": 2000, \"type\": \"rate\", \"camera\": \"cam1\", \"kbps\": 900}",
                "{\"at_ms\": 3000, \"type\": \"outage_start\", \"why\": \"no ack for 10 s\"}",
                "",
                "{\"at_ms\": 9000, \"type\": \"outage_end\"}",
                "[1, 2]",
                "{\"at_ms\": 9500, \"type\": \"rate\"} trailing"));
        assertEquals(1, log.decisions().size());
        RateLog.Decision d = log.decisions().get(0);
        assertEquals(0, d.height());
        assertEquals(0.0, d.fps());
        assertNull(d.queueMs(), "queue_ms was not in the line");
        assertEquals(2, log.events().size());
        assertTrue(log.events().get(0).start());
        assertFalse(log.events().get(1).start());
        assertEquals(1, log.outages());
        assertEquals(3, log.skippedLines(), "no rung, not an object, trailing garbage");
    }

    @Test
    void changesCountPerCameraAndNeverAtStartOrFixedLines() {
        RateLog log = RateLog.parse(List.of(
                rate(1000, "cam1", 4, 2500, 30, 720, 2500, "start"),
                rate(1100, "cam2", 2, 600, 15, 480, 1000, "start"),
                rate(4000, "cam1", 3, 1500, 30, 720, 2500, "queue grew past 2 s"),
                rate(4500, "cam2", 2, 600, 15, 480, 1000, "same setting, said again"),
                rate(6000, "cam2", 2, 600, 10, 480, 1000, "fewer frames, same bitrate"),
                rate(8000, "cam1", 4, 2500, 30, 720, 2500, "start")));
        assertEquals(List.of("cam1", "cam2"), log.cameras());
        assertEquals(2, log.changes(), "cam1 at 4 s and cam2's fps at 6 s; a restart's start line is no change");
        assertEquals(3, log.of("cam1").size());
    }

    @Test
    void aFixedRateRunHasNoChanges() {
        RateLog log = RateLog.parse(List.of(rate(1000, "cam1", 0, 800, 0, 0, 800, "fixed"),
                rate(1000, "cam2", 0, 800, 0, 0, 800, "fixed")));
        assertEquals(0, log.changes());
        assertEquals(2, log.cameras().size());
    }

    @Test
    void aMissingFileIsAnEmptyLogThatSaysSo(@TempDir Path dir) throws Exception {
        RateLog missing = RateLog.read(dir.resolve("rate.jsonl"));
        assertFalse(missing.present());
        assertTrue(missing.decisions().isEmpty());
        Path file = Files.writeString(dir.resolve("rate.jsonl"), rate(1000, "cam1", 1, 300, 0, 0, 300, "fixed")
                + "\n\0\0\0\0");
        RateLog read = RateLog.read(file);
        assertEquals(1, read.decisions().size());
        assertEquals(1, read.skippedLines(), "the zeros a power cut can leave at a file's end");
    }
}
