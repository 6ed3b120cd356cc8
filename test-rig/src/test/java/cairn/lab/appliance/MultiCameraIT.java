package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.FreePort;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several cameras at once, one of which never answers: the others record as if it were not there,
 * the dead one is reported and retried, and the process keeps running.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class MultiCameraIT {
    @TempDir
    Path dir;

    @Test
    void aDeadCameraNeverStopsTheOthers() throws Exception {
        int deadPort = FreePort.find();
        Path data = dir.resolve("data");
        List<String> args = List.of(
                "--set", "storage.dir=" + data, "--set", "segment.seconds=1",
                "--set", "camera.front.source=testsrc", "--set", "camera.front.pattern=moving",
                "--set", "camera.front.width=320", "--set", "camera.front.height=240",
                "--set", "camera.back.source=testsrc", "--set", "camera.back.pattern=still",
                "--set", "camera.back.width=320", "--set", "camera.back.height=240",
                "--set", "camera.gate.source=rtsp://127.0.0.1:" + deadPort + "/cam",
                "--set", "camera.gate.timeout=2s", "--set", "camera.gate.retry_max=2s");
        try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"), args)) {
            cairn.waitForLog("event camera_lost \\{.*camera=gate", Duration.ofSeconds(30));
            JsonNode status = cairn.waitForStatus(s -> s.path("cameras").path("front").path("frames_kept").asLong() > 150
                    && s.path("cameras").path("gate").path("reconnects").asLong() >= 2, Duration.ofSeconds(60));
            assertTrue(cairn.isAlive());
            assertEquals("lost", status.path("cameras").path("gate").path("status").asText(), status.toString());
            assertEquals("running", status.path("cameras").path("back").path("status").asText(), status.toString());
            assertEquals(0, status.path("cameras").path("front").path("dropped_at_capture").asLong(), status.toString());
            assertEquals(0, cairn.terminate(Duration.ofSeconds(20)));
        }
        for (String camera : List.of("front", "back")) {
            SpoolFolder spool = new SpoolFolder(data.resolve("spool").resolve(camera));
            assertTrue(spool.segments().size() >= 2, camera + " recorded " + spool.segments().size() + " segments");
            assertEquals(List.of(), SpoolFolder.decodeProblems(new Ffprobe(), SpoolFolder.groupsOfPictures(spool.segments())));
        }
    }
}
