package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.appliance.SpoolFolder.Segment;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.ClipFormat;
import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.TestClips;
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
 * A video file as the camera, not looping: Cairn plays it in real time, records every frame, and ends by itself
 * with exit code 0 when the file ends.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class FileCameraIT {

    private static final ClipFormat CLIP = new ClipFormat(320, 240, 25, 6.0);

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @Test
    void aFileThatDoesNotLoopIsRecordedInRealTimeAndThenCairnEnds() throws IOException {
        Path clip = TestClips.motion(dir.resolve("clips"), CLIP);
        Path data = dir.resolve("data");
        List<String> args = List.of("--set", "camera.cam1.source=file:" + clip, "--set", "camera.cam1.loop=false",
                "--set", "segment.seconds=1");

        JsonNode status;
        double lifeSeconds;
        try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"), args)) {
            int exit = cairn.waitForExit(Duration.ofSeconds(45));
            lifeSeconds = (System.nanoTime() - cairn.startedNanos()) / 1e9;
            assertEquals(0, exit, "exit code; log:\n" + cairn.logText());
            cairn.waitForLog("capture-cam1: .*reached its end", Duration.ZERO);
            status = cairn.readStatus().path("cameras").path("cam1");
        }
        System.out.printf("FileCameraIT: process lived %.2f s; status %s%n", lifeSeconds, status);

        SpoolFolder spool = new SpoolFolder(data.resolve("spool").resolve("cam1"));
        List<Segment> segments = spool.segments();
        double recorded = (segments.get(segments.size() - 1).endMonoNanos() - segments.get(0).startMonoNanos()) / 1e9;
        int frames = segments.stream().mapToInt(Segment::frames).sum();

        assertTrue(recorded >= CLIP.seconds() - 0.2 && recorded <= CLIP.seconds() + 0.6,
                "paced in real time: the recording spans " + recorded + " s of a " + CLIP.seconds() + " s clip");
        assertTrue(lifeSeconds >= CLIP.seconds() && lifeSeconds <= CLIP.seconds() + 6,
                "ends by itself after about the clip's length: lived " + lifeSeconds + " s");
        assertEquals(CLIP.frames(), status.path("captured").asLong(), "every frame of the file read: " + status);
        assertEquals(0, status.path("dropped_at_capture").asLong(), "dropped: " + status);
        assertEquals(status.path("frames_kept").asLong(), frames, "frames in the segments vs kept: " + status);
        assertEquals(List.of(), spool.strayFiles());
        assertEquals(List.of(), SpoolFolder.integrityProblems(segments, "cam1"));
        List<List<Segment>> groups = SpoolFolder.groupsOfPictures(segments);
        assertEquals(List.of(), SpoolFolder.decodeProblems(ffprobe, groups));
        assertEquals(List.of(), SpoolFolder.sizeProblems(ffprobe, groups, CLIP.width(), CLIP.height()));
    }
}
