package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkConfig;
import cairn.lab.link.LinkEmulator;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.link.Outage;
import cairn.lab.receiver.AccessLog;
import cairn.lab.receiver.Fault;
import cairn.lab.receiver.NginxReceiver;
import cairn.lab.receiver.ReceiverOptions;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink against real nginx (WebDAV PUT), with faults, outages and crashes: what the appliance
 * recorded reaches the server whole, once, and the spool lets go only of what arrived.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class UplinkIT {
    private static final String REMOTE = "/up/cairn/cam1/";

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    private List<String> args(Path data, String url, String... more) {
        List<String> a = new ArrayList<>(List.of("--set", "storage.dir=" + data, "--set", "segment.seconds=1",
                "--set", "camera.cam1.pattern=moving", "--set", "camera.cam1.width=320",
                "--set", "camera.cam1.height=240", "--set", "uplink.url=" + url, "--set", "uplink.retry_max=2s",
                "--set", "uplink.timeout=5s", "--set", "uplink.connect_timeout=2s"));
        for (String m : more) {
            a.add("--set");
            a.add(m);
        }
        return a;
    }

    /** Sequence numbers of the segments stored on the server. */
    private static TreeSet<Long> onServer(NginxReceiver r) throws IOException {
        Path folder = r.root().resolve("up/cairn/cam1");
        if (!Files.isDirectory(folder)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{12}\\.ts"))
                    .map(n -> Long.parseLong(n.substring(0, 12))).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Map<String, Long> storedPutsByPath(NginxReceiver r) throws IOException {
        return r.requests().stream().filter(AccessLog.Entry::storedPut).filter(e -> e.path().endsWith(".ts"))
                .collect(Collectors.groupingBy(AccessLog.Entry::path, Collectors.counting()));
    }

    /** Waits until the spool holds at most the segment being written, i.e. the backlog is sent. */
    private static void awaitDrained(ApplianceProcess cairn, Duration timeout) throws IOException {
        cairn.waitForStatus(s -> s.path("spool").path("segments").asLong() <= 1
                && s.path("uplink").path("segments_sent").asLong() > 0, timeout);
    }

    /** Everything the runs produced is on the server or still in the spool, with no gap in the numbers. */
    private void assertNothingLost(NginxReceiver r, Path data, int runs) throws IOException {
        TreeSet<Long> all = onServer(r);
        SpoolFolder spool = new SpoolFolder(data.resolve("spool/cam1"));
        spool.segments().forEach(s -> all.add(s.sequence()));
        List<List<Long>> blocks = new ArrayList<>();
        for (long seq : all) {
            if (blocks.isEmpty() || seq != blocks.get(blocks.size() - 1).get(blocks.get(blocks.size() - 1).size() - 1) + 1) {
                blocks.add(new ArrayList<>());
            }
            blocks.get(blocks.size() - 1).add(seq);
        }
        // Each run numbers its segments without gaps; a restart skips to the next leased block of 1000.
        assertTrue(blocks.size() <= runs, "gaps in " + blocks);
        for (List<Long> b : blocks) {
            assertTrue(b.get(0) % 1000 == 0, "a run's numbers start at a lease block: " + b);
        }
    }

    /** Each run's segments (a block of consecutive numbers; a restart starts a new timeline) decode in order. */
    private void assertServerCopiesDecode(NginxReceiver r) throws IOException {
        Path folder = r.root().resolve("up/cairn/cam1");
        List<Path> block = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (long seq : onServer(r)) {
            if (seq != previous + 1 && !block.isEmpty()) {
                assertEquals(List.of(), ffprobe.decodesCleanly(block), "segments from " + block.get(0));
                block.clear();
            }
            block.add(folder.resolve(String.format("%012d.ts", seq)));
            previous = seq;
        }
        assertEquals(List.of(), ffprobe.decodesCleanly(block), "segments from " + block.get(0));
        assertTrue(Files.readString(folder.resolve("live.m3u8")).startsWith("#EXTM3U"));
    }

    @Test
    void serverFailuresLoseNothingDuplicateNothingAnd403SaysWhatToCheck() throws Exception {
        Path data = dir.resolve("data");
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults());
                ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"),
                        args(data, receiver.baseUrl() + "up"))) {
            cairn.waitForStatus(s -> s.path("uplink").path("segments_sent").asLong() >= 3, Duration.ofSeconds(30));
            for (Fault f : List.of(Fault.SERVER_ERROR, Fault.INSUFFICIENT_STORAGE, Fault.CLOSE_CONNECTION,
                    Fault.FORBIDDEN)) {
                receiver.inject(f);
                Thread.sleep(4000);
                receiver.clearFault(f);
            }
            awaitDrained(cairn, Duration.ofSeconds(60));
            String log = cairn.logText();
            assertTrue(log.contains("SEVERE") && log.contains("refused the upload (HTTP 403)")
                    && log.contains("uplink.user"), "a clear error for 403:\n" + log);
            assertTrue(log.contains("HTTP 500") && log.contains("HTTP 507"), log);
            assertFalse(log.contains("password="), "credentials never logged");
            assertEquals(0, cairn.terminate(Duration.ofSeconds(20)));
            assertTrue(storedPutsByPath(receiver).values().stream().allMatch(n -> n == 1),
                    "each segment stored once: " + storedPutsByPath(receiver));
            assertNothingLost(receiver, data, 1);
            assertServerCopiesDecode(receiver);
        }
    }

    @Test
    void aServerDownAtStartGetsTheBacklogOnceItIsUp() throws Exception {
        int port = FreePort.find();
        Path data = dir.resolve("data");
        try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"),
                args(data, "http://127.0.0.1:" + port + "/up"))) {
            cairn.waitForStatus(s -> s.path("spool").path("segments").asLong() >= 5, Duration.ofSeconds(30));
            assertTrue(cairn.logText().contains("upload failed"), cairn.logText());
            try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"),
                    ReceiverOptions.defaults().withPort(port))) {
                awaitDrained(cairn, Duration.ofSeconds(60));
                assertEquals(0, cairn.terminate(Duration.ofSeconds(20)));
                assertTrue(onServer(receiver).size() >= 5);
                assertNothingLost(receiver, data, 1);
                assertServerCopiesDecode(receiver);
            }
        }
    }

    @Test
    void credentialsWrittenIntoTheUrlAreSentAsBasicAuthAndNeverShown() throws Exception {
        Path data = dir.resolve("data");
        String password = "upl0ad-Pw";
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"),
                ReceiverOptions.defaults().withBasicAuth("hut7", password));
                ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"),
                        args(data, receiver.baseUrl().toString().replace("://", "://hut7:" + password + "@") + "up"))) {
            cairn.waitForStatus(s -> s.path("uplink").path("segments_sent").asLong() >= 3, Duration.ofSeconds(30));
            assertEquals(0, cairn.terminate(Duration.ofSeconds(20)));
            assertFalse(onServer(receiver).isEmpty(), "nginx stored the segments");
            assertFalse(cairn.logText().contains(password), "the password in the log:\n" + cairn.logText());
            assertFalse(Files.readString(data.resolve("status.json")).contains(password), "the password in status.json");
        }
    }

    @Test
    void aSegmentDamagedOnDiskIsReportedAndNeverUploaded() throws Exception {
        Path data = dir.resolve("data");
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults());
                ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"),
                        args(data, receiver.baseUrl() + "up"))) {
            receiver.inject(Fault.UNAVAILABLE);
            cairn.waitForStatus(s -> s.path("spool").path("segments").asLong() >= 4, Duration.ofSeconds(30));
            SpoolFolder spool = new SpoolFolder(data.resolve("spool/cam1"));
            SpoolFolder.Segment victim = spool.segments().get(1);
            byte[] bytes = Files.readAllBytes(victim.ts());
            bytes[bytes.length / 2] ^= 0x55; // same size, different content: only the hash can tell
            Files.write(victim.ts(), bytes);
            receiver.clearFault(Fault.UNAVAILABLE);
            awaitDrained(cairn, Duration.ofSeconds(60));
            assertFalse(onServer(receiver).contains(victim.sequence()), "the damaged segment was uploaded");
            assertTrue(onServer(receiver).contains(victim.sequence() + 1));
            assertTrue(Files.exists(data.resolve("spool/cam1/damaged").resolve(victim.ts().getFileName())));
            assertTrue(cairn.logText().contains("is damaged") && cairn.logText().contains("segment_damaged"),
                    cairn.logText());
            assertEquals(0, cairn.terminate(Duration.ofSeconds(20)));
        }
    }

    @Test
    void killedDuringUploadsThenRestartedNothingLostNothingDuplicated() throws Exception {
        long seed = Long.getLong("cairn.uplink.seed", new Random().nextLong());
        System.out.println("UplinkIT kill test seed " + seed);
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        // 400 kbit/s: a 320x240 segment takes a good part of a second to cross, so kills land mid-upload.
        LinkConfig slow = LinkConfig.unlimited().withUplink(MahimahiTrace.constant(400));
        int rounds = 5;
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults());
                LinkEmulator link = LinkEmulator.start(slow, receiver.address(), FreePort.find())) {
            String url = "http://127.0.0.1:" + link.port() + "/up";
            for (int round = 0; round < rounds; round++) {
                // A killed run leaves its last status.json: wait for this run's own.
                Files.deleteIfExists(data.resolve("status.json"));
                try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn-" + round + ".log"),
                        args(data, url))) {
                    cairn.waitForStatus(s -> s.path("uplink").path("segments_sent").asLong() >= 1, Duration.ofSeconds(30));
                    Thread.sleep(500 + random.nextInt(2500));
                    cairn.kill9();
                }
            }
            Files.deleteIfExists(data.resolve("status.json"));
            try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn-last.log"), args(data, url))) {
                awaitDrained(cairn, Duration.ofSeconds(90));
                int code = cairn.terminate(Duration.ofSeconds(20));
                assertEquals(0, code, cairn.logText());
            }
            assertNothingLost(receiver, data, rounds + 1);
            assertServerCopiesDecode(receiver);
            Map<String, Long> repeats = storedPutsByPath(receiver).entrySet().stream().filter(e -> e.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            // A segment that arrived just before a kill is sent again under its own name: one copy remains.
            assertTrue(repeats.size() <= rounds, "repeats " + repeats);
        }
    }

    @Test
    void afterASixtySecondOutageLiveResumesFirstAndTheBacklogDrains() throws Exception {
        Path data = dir.resolve("data");
        LinkConfig config = LinkConfig.unlimited().withUplink(MahimahiTrace.constant(1000))
                .withOutage(Outage.parse("10+60"));
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults());
                LinkEmulator link = LinkEmulator.start(config, receiver.address(), FreePort.find());
                ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("cairn.log"),
                        args(data, "http://127.0.0.1:" + link.port() + "/up"))) {
            double outageEndWall = (System.currentTimeMillis()
                    - (System.nanoTime() - link.startedNanos()) / 1_000_000 + 70_000) / 1000.0;
            while (System.currentTimeMillis() / 1000.0 < outageEndWall + 2) {
                Thread.sleep(500);
            }
            awaitDrained(cairn, Duration.ofSeconds(90));
            assertEquals(0, cairn.terminate(Duration.ofSeconds(20)));
            List<Long> after = receiver.requests().stream().filter(AccessLog.Entry::storedPut)
                    .filter(e -> e.path().endsWith(".ts") && e.epochSeconds() > outageEndWall - 1)
                    .map(e -> Long.parseLong(e.path().substring(e.path().lastIndexOf('/') + 1, e.path().length() - 3)))
                    .toList();
            assertTrue(after.size() > 40, "the backlog of a minute arrived after the outage: " + after);
            // Only a live segment overtakes an older one: an inversion means live resumed mid-backlog.
            boolean overtaken = false;
            long newest = Long.MIN_VALUE;
            for (long seq : after) {
                overtaken |= seq < newest;
                newest = Math.max(newest, seq);
            }
            assertTrue(overtaken, "live resumes before the backlog is done: order " + after);
            assertNothingLost(receiver, data, 1);
            assertServerCopiesDecode(receiver);
            String live = Files.readString(receiver.root().resolve("up/cairn/cam1/live.m3u8"));
            assertTrue(live.contains("#EXT-X-DISCONTINUITY") || live.contains("#EXT-X-DISCONTINUITY-SEQUENCE"), live);
        }
    }
}
