package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.appliance.SpoolFolder.Segment;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.CameraSource;
import cairn.lab.rig.ClipFormat;
import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.RtspCameraEmulator;
import cairn.lab.rig.TestClips;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IP camera (the RTSP emulator) that loses power for 20 s and comes back on the same address: Cairn keeps
 * running, says the camera was lost and is back with the length of the gap, reconnects by itself and records again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class RtspCaptureIT {

    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern GAP = Pattern.compile("event camera_back \\{.*gap_s=([0-9.]+)");

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @Test
    void aCameraAwayFor20SecondsIsReportedLostAndBackAndRecordedAgain() throws IOException {
        Path clip = TestClips.motion(dir.resolve("clips"), new ClipFormat(320, 240, 25, 4.0));
        int port = FreePort.find();
        Path data = dir.resolve("data");
        SpoolFolder spool = new SpoolFolder(data.resolve("spool").resolve("cam1"));
        List<String> args = List.of("--set", "camera.cam1.source=rtsp://127.0.0.1:" + port + "/cam",
                "--set", "camera.cam1.timeout=3s", "--set", "camera.cam1.retry_max=4s", "--set", "segment.seconds=1");

        try (RtspCameraEmulator camera = RtspCameraEmulator.start(CameraSource.file(clip), port, dir.resolve("camera"));
                ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"), args)) {
            cairn.waitForLog("capture-cam1: opened rtsp camera cam1", START_TIMEOUT);
            waitForSegments(spool, 0, 2, Duration.ofSeconds(20));

            camera.stop();
            long stoppedAt = System.nanoTime();
            cairn.waitForLog("event camera_lost", Duration.ofSeconds(10));
            cairn.waitForStatus(s -> "lost".equals(cam(s).path("status").asText()), Duration.ofSeconds(12));
            sleepUntil(stoppedAt + OUTAGE.toNanos());
            assertTrue(cairn.isAlive(), "Cairn ended while its camera was away");

            camera.start();
            long backAt = System.nanoTime();
            String back = cairn.waitForLog("event camera_back", Duration.ofSeconds(20));
            Matcher gap = GAP.matcher(back);
            assertTrue(gap.find(), "no gap_s in: " + back);
            double gapSeconds = Double.parseDouble(gap.group(1));
            assertTrue(gapSeconds >= 18 && gapSeconds <= 35, "gap_s " + gapSeconds + " for a 20 s outage: " + back);
            List<String> log = cairn.logLines();
            assertTrue(indexOf(log, "event camera_lost") < indexOf(log, "event camera_back"), "lost after back");

            waitForSegments(spool, backAt, 2, Duration.ofSeconds(20));
            JsonNode status = cairn.waitForStatus(s -> cam(s).path("reconnects").asLong() >= 1
                    && "running".equals(cam(s).path("status").asText()), Duration.ofSeconds(12));
            System.out.println("RtspCaptureIT: " + back + "; status " + cam(status));
            assertTrue(cairn.isAlive(), "Cairn ended after its camera came back");
            cairn.terminate(Duration.ofSeconds(25));
        }

        List<Segment> segments = spool.segments();
        assertEquals(List.of(), spool.strayFiles());
        assertEquals(List.of(), SpoolFolder.integrityProblems(segments, "cam1"));
        assertEquals(List.of(), SpoolFolder.decodeProblems(ffprobe, SpoolFolder.groupsOfPictures(segments)));
        assertEquals(List.of(), SpoolFolder.sizeProblems(ffprobe, SpoolFolder.groupsOfPictures(segments), 320, 240));
    }

    private static JsonNode cam(JsonNode status) {
        return status.path("cameras").path("cam1");
    }

    /** Waits until at least {@code count} segments recorded after {@code afterNanos} are in the spool. */
    private static void waitForSegments(SpoolFolder spool, long afterNanos, int count, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long found = 0;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(spool.dir())) {
                found = spool.segments().stream().filter(s -> s.startMonoNanos() > afterNanos).count();
                if (found >= count) {
                    return;
                }
            }
            sleepUntil(System.nanoTime() + 200_000_000L);
        }
        throw new AssertionError("only " + found + " segments recorded after " + afterNanos + " ns within "
                + timeout.toSeconds() + " s");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static void sleepUntil(long nanos) {
        try {
            long left = nanos - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.sleep(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
