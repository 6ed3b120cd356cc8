package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class RtspCameraEmulatorIT {

    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @Test
    void servesTheClipOverAndOverPastItsEnd() throws IOException {
        ClipFormat format = new ClipFormat(320, 240, 10, 2.0);
        Path clip = TestClips.brightnessRamp(dir, format);

        try (RtspCameraEmulator camera = RtspCameraEmulator.start(CameraSource.file(clip), FreePort.find(), dir)) {
            Path recording = RtspRecorder.recordFrames(camera.url(), 55, dir.resolve("camera.ts"), RECORD_TIMEOUT);

            VideoProbe probe = ffprobe.probe(recording);
            assertEquals("h264", probe.codec());
            assertEquals(List.of(320, 240), List.of(probe.width(), probe.height()));
            assertEquals(55, probe.frames());
            assertTrue(probe.ptsSpanSeconds() > 2 * format.seconds(), "stream time " + probe.ptsSpanSeconds() + " s");
            assertEquals(List.of(), ffprobe.decodesCleanly(recording));
            List<Double> luma = ffprobe.lumaPerFrame(recording);
            assertTrue(restartsOfRamp(luma) >= 2, "the clip should start over at least twice in 5.5 s: " + luma);
            assertTrue(everyFrameOnce(luma, 200.0 / format.frames()), "no frame repeated or skipped: " + luma);
        }
    }

    @Test
    void stopRefusesConnectionsAndStartServesAgainOnTheSamePort() throws IOException {
        int port = FreePort.find();
        try (RtspCameraEmulator camera = RtspCameraEmulator.start(CameraSource.testPattern(320, 240, 10), port, dir)) {
            RtspRecorder.recordFrames(camera.url(), 5, dir.resolve("before.ts"), RECORD_TIMEOUT);

            camera.stop();
            assertFalse(camera.isRunning());
            assertThrows(ConnectException.class, () -> connect(port));
            assertThrows(IOException.class,
                    () -> RtspRecorder.recordFrames(camera.url(), 5, dir.resolve("stopped.ts"), RECORD_TIMEOUT));

            camera.start();
            Path after = RtspRecorder.recordFrames(camera.url(), 20, dir.resolve("after.ts"), RECORD_TIMEOUT);
            assertEquals(port, camera.url().getPort());
            assertEquals(20, ffprobe.probe(after).frames());
        }
    }

    @Test
    void testPatternHasTheRequestedSizeAndRate() throws IOException {
        try (RtspCameraEmulator camera = RtspCameraEmulator.start(CameraSource.testPattern(352, 288, 15),
                FreePort.find(), dir)) {
            VideoProbe probe = ffprobe.probe(
                    RtspRecorder.recordFrames(camera.url(), 31, dir.resolve("pattern.ts"), RECORD_TIMEOUT));

            assertEquals(List.of(352, 288), List.of(probe.width(), probe.height()));
            assertEquals(30 / 15.0, probe.ptsSpanSeconds(), 0.25);
            assertTrue(probe.hasKeyFrame());
        }
    }

    @Test
    void severalClientsWatchAtTheSameTime() throws Exception {
        ExecutorService viewers = Executors.newFixedThreadPool(2);
        try (RtspCameraEmulator camera = RtspCameraEmulator.start(CameraSource.testPattern(320, 240, 10),
                FreePort.find(), dir)) {
            Future<Path> first = viewers.submit(
                    () -> RtspRecorder.recordFrames(camera.url(), 20, dir.resolve("first.ts"), RECORD_TIMEOUT));
            Future<Path> second = viewers.submit(
                    () -> RtspRecorder.recordFrames(camera.url(), 20, dir.resolve("second.ts"), RECORD_TIMEOUT));

            assertEquals(20, ffprobe.probe(first.get(40, TimeUnit.SECONDS)).frames());
            assertEquals(20, ffprobe.probe(second.get(40, TimeUnit.SECONDS)).frames());
        } finally {
            viewers.shutdownNow();
            assertTrue(viewers.awaitTermination(40, TimeUnit.SECONDS));
        }
    }

    @Test
    void aPortInUseFailsTheStartWithTheReasonAndLeavesNoProcess() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IOException failure = assertThrows(IOException.class, () -> RtspCameraEmulator.start(
                    CameraSource.testPattern(320, 240, 10), taken.getLocalPort(), dir));
            assertTrue(failure.getMessage().contains("Address already in use"), failure.getMessage());
        }
    }

    @Test
    void aFileThatIsNotVideoFailsTheStartWithTheReason() throws IOException {
        Path notVideo = Files.writeString(dir.resolve("notes.mp4"), "not a video");

        IOException failure = assertThrows(IOException.class,
                () -> RtspCameraEmulator.start(CameraSource.file(notVideo), FreePort.find(), dir));
        assertTrue(failure.getMessage().contains("notes.mp4"), failure.getMessage());
    }

    /** Counts the times a brightness ramp falls back to dark: the clip starting over. */
    private static int restartsOfRamp(List<Double> luma) {
        int restarts = 0;
        for (int i = 1; i < luma.size(); i++) {
            if (luma.get(i - 1) - luma.get(i) > 100) {
                restarts++;
            }
        }
        return restarts;
    }

    /** True when the ramp rises by one frame's step everywhere except where it starts over. */
    private static boolean everyFrameOnce(List<Double> luma, double stepPerFrame) {
        for (int i = 1; i < luma.size(); i++) {
            double step = luma.get(i) - luma.get(i - 1);
            if (step > -100 && Math.abs(step - stepPerFrame) > stepPerFrame / 3) {
                return false;
            }
        }
        return true;
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        }
    }
}
