package cairn.lab.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.FakeNotifySocket;
import cairn.lab.rig.FakeNotifySocket.Message;
import cairn.lab.rig.NoChildProcessesLeft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real appliance under a fake systemd: NOTIFY_SOCKET is a socket this test binds, WATCHDOG_USEC 2 s. It says
 * READY=1 and kicks regularly; an encoder that throws an Error (test hook) is restarted and the kicks go on; an
 * encoder wedged for good (test hook) stops the kicks within its 10 s check-in deadline, and STATUS= names it.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class WatchdogIT {
    private static final long WATCHDOG_USEC = 2_000_000;
    private static final Duration ENCODER_DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void readyThenKicksAnErrorIsRestartedAWedgedEncoderStopsTheKicks() throws Exception {
        List<String> args = List.of("--set", "camera.cam1.source=testsrc", "--set", "camera.cam1.pattern=moving",
                "--set", "camera.cam1.width=320", "--set", "camera.cam1.height=240", "--set", "segment.seconds=1");
        List<String> hooks = List.of("-Dcairn.test.encoder_error_after_s=3", "-Dcairn.test.wedge_encoder_after_s=14");
        try (FakeNotifySocket systemd = new FakeNotifySocket(dir.resolve("notify"));
                ApplianceProcess cairn = ApplianceProcess.start(dir.resolve("data"), dir.resolve("cairn.log"), args,
                        Map.of("NOTIFY_SOCKET", systemd.path().toString(), "WATCHDOG_USEC", "" + WATCHDOG_USEC),
                        hooks)) {
            Message ready = systemd.await("READY=1", Duration.ofSeconds(30));

            cairn.waitForLog("encode-cam1 failed: InternalError: test hook", Duration.ofSeconds(20));
            cairn.waitForLog("encode-cam1 works again", Duration.ofSeconds(10));
            long segmentsAtRestart = segments(cairn);
            cairn.waitForLog("encode-cam1: test hook: encode-cam1 hangs now", Duration.ofSeconds(30));
            long wedgeSeen = System.nanoTime();
            assertTrue(segments(cairn) > segmentsAtRestart, "the restarted encoder writes segments");

            Message stuck = awaitStatus(systemd, "stuck: encode-cam1", ENCODER_DEADLINE.plusSeconds(10));
            Thread.sleep(4000);
            List<Message> all = systemd.messages();
            List<Long> kicks = all.stream().filter(m -> m.text().equals("WATCHDOG=1")).map(Message::atNanos).toList();

            long before = kicks.stream().filter(k -> k > ready.atNanos() && k < wedgeSeen).count();
            assertTrue(before >= 8, "kicks between READY=1 and the wedge: " + before + "\n" + all);
            assertTrue(maxGap(ready.atNanos(), kicks, wedgeSeen) < WATCHDOG_USEC * 1000,
                    "no gap as long as WATCHDOG_USEC while all is well, the Error's restart included: " + all);
            long stuckAt = stuck.atNanos();
            assertEquals(0, kicks.stream().filter(k -> k > stuckAt).count(), "kicks after " + stuck.text());
            long lastKick = kicks.get(kicks.size() - 1);
            assertTrue(lastKick < wedgeSeen + ENCODER_DEADLINE.toNanos() + WATCHDOG_USEC * 1000,
                    "the kicks stop within the encoder's deadline (+ one kick interval): last one "
                            + (lastKick - wedgeSeen) / 1e9 + " s after the wedge");

            assertEquals(0, cairn.terminate(Duration.ofSeconds(25)));
            systemd.await("STOPPING=1", Duration.ofSeconds(5));
            print(systemd.messages(), ready.atNanos(), wedgeSeen);
        }
    }

    /** What the fake systemd heard, in seconds after READY=1, for the report. */
    private static void print(List<Message> messages, long readyAt, long wedgeSeen) {
        System.out.printf("wedge seen in the log at %+.2f s%n", (wedgeSeen - readyAt) / 1e9);
        for (Message m : messages) {
            System.out.printf("%+7.2f s  %s%n", (m.atNanos() - readyAt) / 1e9, m.text());
        }
    }

    private static Message awaitStatus(FakeNotifySocket systemd, String part, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Message m : systemd.messages()) {
                if (m.text().startsWith("STATUS=") && m.text().contains(part)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no STATUS= with '" + part + "' within " + timeout + ": " + systemd.messages());
    }

    private static long maxGap(long from, List<Long> kicks, long to) {
        long gap = 0;
        long previous = from;
        for (long k : kicks) {
            if (k > from && k < to) {
                gap = Math.max(gap, k - previous);
                previous = k;
            }
        }
        return gap;
    }

    /** Finished segments so far; the camera's folder appears with the first (the encoder's look-ahead may delay it). */
    private static long segments(ApplianceProcess cairn) throws IOException {
        if (!Files.isDirectory(cairn.spoolDir("cam1"))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(cairn.spoolDir("cam1"))) {
            return files.filter(f -> f.toString().endsWith(".ts")).count();
        }
    }
}
