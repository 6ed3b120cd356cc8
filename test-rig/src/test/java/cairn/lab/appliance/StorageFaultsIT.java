package cairn.lab.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cairn.lab.appliance.SpoolFolder.Segment;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import cairn.lab.rig.NoChildProcessesLeft;
import cairn.lab.rig.SmallDisk;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data partition failing under a running box, on a small disk of its own: ext4 turned read-only by a file system
 * error (what the kernel does after SD card errors), and a tmpfs that fills. The box must say so, keep running, lose
 * nothing it had committed, and record again as soon as the disk lets it. Needs root for the mounts; skipped
 * otherwise, with that reason.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class StorageFaultsIT {

    private static final String CAMERA = "cam1";
    private static final double SEGMENT_S = 1.0;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @BeforeEach
    void needsRoot() {
        assumeTrue(SmallDisk.available(), SmallDisk.unavailableReason());
    }

    @Test
    void aDiskTheKernelTurnsReadOnlyIsReportedTheBoxKeepsRunningAndCommittedSegmentsStayWhole() throws Exception {
        try (SmallDisk disk = SmallDisk.ext4(dir.resolve("disk"), 40 << 20);
                MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/event", "cairn/cairn/health"));
                ApplianceProcess cairn = ApplianceProcess.start(disk.root(), dir.resolve("cairn.log"), args(
                        "camera.cam1.width=320", "camera.cam1.height=240", "mqtt.url=" + broker.url(),
                        "mqtt.health_interval=10s"))) {
            SpoolFolder spool = new SpoolFolder(cairn.spoolDir(CAMERA));
            awaitSegments(spool, 3, cairn);
            Map<String, String> before = hashes(spool.segments());

            disk.failLikeAnSdCard();
            probe.await(r -> r.text().contains("\"storage_write_failed\""), REPORT_TIMEOUT, "the error event");
            MqttProbe.Received health = probe.await(r -> r.topic().endsWith("/health")
                    && r.text().contains("Read-only file system"), REPORT_TIMEOUT, "health naming the fault");
            assertTrue(health.text().contains("\"error\""), health.text());
            Thread.sleep(3000);
            assertTrue(cairn.isAlive(), "still running on a read-only disk");
            assertEquals(0, cairn.terminate(Duration.ofSeconds(25)), "clean stop");

            List<Segment> segments = spool.segments();
            Map<String, String> now = hashes(segments);
            before.forEach((name, hash) -> assertEquals(hash, now.get(name), name + " committed before the fault"));
            assertEquals(List.of(), SpoolFolder.integrityProblems(segments, CAMERA));
            assertEquals(List.of(), SpoolFolder.decodeProblems(ffprobe, SpoolFolder.groupsOfPictures(segments)));
            assertNoRestartsOrTraces(cairn);
        }
    }

    @Test
    void aFullDiskEvictsWholeGroupsAndOneFullOfOtherFilesIsReportedUntilItEmpties() throws Exception {
        // 720p at high quality fills the 2 MiB left above the box's reserve in about 20 s, long before the encoder's
        // own 60 s key interval: the spool must cut groups short to have something it can evict.
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 3 << 20);
                ApplianceProcess cairn = ApplianceProcess.start(disk.root(), dir.resolve("cairn.log"), args(
                        "encoder.crf=10", "encoder.max_kbps=4000", "storage.min_free=0"))) {
            SpoolFolder spool = new SpoolFolder(cairn.spoolDir(CAMERA));
            Map<String, Segment> seen = new TreeMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (cairn.logLines().stream().filter(l -> l.contains("spool disk limit: evicted")).count() < 3) {
                assertTrue(System.nanoTime() < deadline, "no three evictions in time");
                assertTrue(cairn.isAlive(), "Cairn exited");
                collect(spool, seen);
                Thread.sleep(200);
            }
            int atThirdEviction = seen.size();
            while (seen.size() < atThirdEviction + 5) {
                assertTrue(System.nanoTime() < deadline, "recording stopped after the disk filled");
                collect(spool, seen);
                Thread.sleep(200);
            }
            List<Segment> recorded = new ArrayList<>(seen.values());
            double missing = 0;
            for (int i = 1; i < recorded.size(); i++) {
                missing += Math.max(0, recorded.get(i).startMonoNanos() - recorded.get(i - 1).endMonoNanos()) / 1e9;
            }
            assertTrue(missing <= SEGMENT_S, "recorded time missing between segments: " + missing + " s");

            // Someone else's file takes the whole disk, and whatever the spool frees by evicting its own groups,
            // until nothing of the spool's is left to evict and a write fails.
            Path filler = disk.fill(0);
            long reportDeadline = System.nanoTime() + REPORT_TIMEOUT.toNanos();
            while (cairn.logLines().stream()
                    .noneMatch(l -> l.contains("event error") && l.contains("storage_write_failed"))) {
                assertTrue(System.nanoTime() < reportDeadline, "no storage_write_failed within " + REPORT_TIMEOUT);
                assertTrue(cairn.isAlive(), "Cairn exited");
                Thread.sleep(200);
                disk.fill(0);
            }
            assertTrue(cairn.isAlive(), "still running on a full disk");
            Files.delete(filler);
            cairn.waitForLog("event storage_recovered", REPORT_TIMEOUT);
            int afterRecovery = spool.segments().size();
            awaitSegments(spool, afterRecovery + 3, cairn);
            assertEquals(0, cairn.terminate(Duration.ofSeconds(25)), "clean stop");

            List<Segment> left = spool.segments();
            assertEquals(List.of(), SpoolFolder.integrityProblems(left, CAMERA));
            assertEquals(List.of(), SpoolFolder.decodeProblems(ffprobe, SpoolFolder.groupsOfPictures(left)));
            assertEquals(List.of(), tmpFiles(disk.root()), "temporary files left");
            JsonNode status = cairn.readStatus().path("cameras").path(CAMERA);
            assertEquals("", status.path("storage_error").asText(), status.toString());
            assertTrue(status.path("segments_dropped").asLong() > 0, "the segments not kept are counted: " + status);
            assertNoRestartsOrTraces(cairn);
        }
    }

    private static List<String> args(String... sets) {
        List<String> args = new ArrayList<>(List.of("--set", "camera.cam1.pattern=moving", "--set",
                "segment.seconds=" + SEGMENT_S, "--set", "segment.idle_seconds=" + SEGMENT_S));
        for (String s : sets) {
            args.addAll(List.of("--set", s));
        }
        return args;
    }

    private static void awaitSegments(SpoolFolder spool, int n, ApplianceProcess cairn) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.isDirectory(spool.dir()) || spool.segments().size() < n) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + n + " segments:\n" + cairn.logText());
            assertTrue(cairn.isAlive(), "Cairn exited:\n" + cairn.logText());
            Thread.sleep(200);
        }
    }

    /** Adds the segments now in the spool to {@code seen}; one evicted while being read is simply missed now. */
    private static void collect(SpoolFolder spool, Map<String, Segment> seen) {
        try {
            for (Segment s : spool.segments()) {
                seen.putIfAbsent(s.name(), s);
            }
        } catch (IOException e) {
            // evicted between the listing and the read: seen on the next round or gone, as the spool intends
        }
    }

    private static Map<String, String> hashes(List<Segment> segments) {
        Map<String, String> m = new TreeMap<>();
        segments.forEach(s -> m.put(s.name(), s.sha256()));
        return m;
    }

    private static List<Path> tmpFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static void assertNoRestartsOrTraces(ApplianceProcess cairn) throws IOException {
        String log = cairn.logText();
        assertFalse(log.contains("pipeline failed"), "the pipeline restarted:\n" + log);
        assertFalse(log.contains("\tat "), "a stack trace in the log:\n" + log);
        assertTrue(log.lines().filter(l -> l.contains("event motion_start")).count() <= 1,
                "motion_start more than once for one moving scene:\n" + log);
    }
}
