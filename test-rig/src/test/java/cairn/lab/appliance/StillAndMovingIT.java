package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.appliance.SpoolFolder.Segment;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variable frame rate a user sees in status.json: a still scene is kept at one frame per
 * {@code analysis.idle_interval}, a moving one at the camera's full rate.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class StillAndMovingIT {

    /** Capture time of each run; with the JVM's start each run stays within about 12 s. */
    private static final long CAPTURE_MILLIS = 11_000;
    private static final double FPS = 25;
    private static final double IDLE_INTERVAL_S = 2;

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @Test
    void aStillSceneIsKeptAtOneFramePerIdleInterval() throws IOException {
        Run run = record("still");

        long captured = run.status().path("captured").asLong();
        long kept = run.status().path("frames_kept").asLong();
        double idleRate = captured / (FPS * IDLE_INTERVAL_S);
        assertTrue(captured >= FPS * CAPTURE_MILLIS / 1000 * 0.9, "captured " + run.status());
        assertTrue(Math.abs(kept - idleRate) <= 2, "kept " + kept + " of " + captured + ", about " + idleRate
                + " expected at one per " + IDLE_INTERVAL_S + " s: " + run.status());
        assertFalse(run.status().path("motion").asBoolean(), "motion: " + run.status());
        assertTrue(run.log().stream().noneMatch(l -> l.contains("event motion_start")), "a still scene started motion");
        assertSegmentsHoldTheKeptFrames(run);
    }

    @Test
    void aMovingSceneIsKeptAtFullRate() throws IOException {
        Run run = record("moving");

        long captured = run.status().path("captured").asLong();
        long kept = run.status().path("frames_kept").asLong();
        assertTrue(captured >= FPS * CAPTURE_MILLIS / 1000 * 0.9, "captured " + run.status());
        assertTrue(kept <= captured && kept >= captured - 2, "kept " + kept + " of " + captured + ": " + run.status());
        assertTrue(run.status().path("motion").asBoolean(), "motion: " + run.status());
        assertSegmentsHoldTheKeptFrames(run);
    }

    private record Run(JsonNode status, List<String> log, SpoolFolder spool) {}

    /** Runs the 320x240 test pattern for {@link #CAPTURE_MILLIS}, stops it with SIGTERM, returns the final status. */
    private Run record(String pattern) throws IOException {
        Path data = dir.resolve(pattern);
        List<String> args = List.of("--set", "camera.cam1.source=testsrc", "--set", "camera.cam1.pattern=" + pattern,
                "--set", "camera.cam1.width=320", "--set", "camera.cam1.height=240", "--set", "camera.cam1.fps=25",
                "--set", "analysis.idle_interval=" + (int) IDLE_INTERVAL_S + "s", "--set", "segment.seconds=1");
        try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve(pattern + ".log"), args)) {
            cairn.waitForLog("capture-cam1: opened", Duration.ofSeconds(30));
            sleep(CAPTURE_MILLIS);
            cairn.terminate(Duration.ofSeconds(25));
            cairn.waitForLog("cairn stopped", Duration.ZERO);
            JsonNode cam = cairn.readStatus().path("cameras").path("cam1");
            System.out.println("StillAndMovingIT " + pattern + ": " + cam);
            return new Run(cam, new ArrayList<>(cairn.logLines()), new SpoolFolder(data.resolve("spool/cam1")));
        }
    }

    private void assertSegmentsHoldTheKeptFrames(Run run) throws IOException {
        List<Segment> segments = run.spool().segments();
        assertEquals(run.status().path("frames_kept").asLong(), segments.stream().mapToInt(Segment::frames).sum(),
                "frames in the segments vs frames_kept");
        assertEquals(List.of(), run.spool().strayFiles());
        assertEquals(List.of(), SpoolFolder.decodeProblems(ffprobe, SpoolFolder.groupsOfPictures(segments)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
