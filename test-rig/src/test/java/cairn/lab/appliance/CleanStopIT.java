package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.appliance.SpoolFolder.Segment;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemctl stop}: SIGTERM is a clean stop. The segment in progress is closed and kept, the final status is
 * written, and the process exits with code 0, as {@code cairn.app.Main} documents ("Exit codes: 0 after a clean
 * stop"); a service manager counts any other code as a failure.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class CleanStopIT {

    @TempDir
    Path dir;

    @Test
    void sigtermClosesTheLastSegmentWritesTheStatusAndExitsWithZero() throws IOException {
        Path data = dir.resolve("data");
        List<String> args = List.of("--set", "camera.cam1.source=testsrc", "--set", "camera.cam1.pattern=moving",
                "--set", "camera.cam1.width=320", "--set", "camera.cam1.height=240", "--set", "segment.seconds=1");
        int exit;
        long termAt;
        JsonNode status;
        try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"), args)) {
            cairn.waitForLog("capture-cam1: opened", Duration.ofSeconds(30));
            sleep(3500);
            termAt = System.nanoTime();
            exit = cairn.terminate(Duration.ofSeconds(25));
            cairn.waitForLog("cairn stopped", Duration.ZERO);
            status = cairn.readStatus().path("cameras").path("cam1");
        }

        SpoolFolder spool = new SpoolFolder(data.resolve("spool").resolve("cam1"));
        List<Segment> segments = spool.segments();
        Segment last = segments.get(segments.size() - 1);
        assertEquals(List.of(), spool.strayFiles());
        assertEquals("stopped", status.path("status").asText(), "final status: " + status);
        assertEquals(status.path("frames_kept").asLong(), segments.stream().mapToInt(Segment::frames).sum(),
                "every kept frame is in a segment: " + status);
        assertTrue(last.endMonoNanos() >= termAt - 300_000_000L, "the last segment ends "
                + (termAt - last.endMonoNanos()) / 1e9 + " s before SIGTERM: the one in progress was not kept");
        assertEquals(List.of(), SpoolFolder.decodeProblems(new Ffprobe(), SpoolFolder.groupsOfPictures(segments)));
        assertEquals(0, exit, "exit code after SIGTERM (Main: 'Exit codes: 0 after a clean stop')");
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
