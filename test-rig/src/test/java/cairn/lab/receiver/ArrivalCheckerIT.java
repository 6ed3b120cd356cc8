package cairn.lab.receiver;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkConfig;
import cairn.lab.link.LinkEmulator;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.receiver.SegmentArrival.Status;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arrival checker on segments the real appliance recorded, uploaded with Java's HTTP client through the link
 * emulator to nginx, some of them on purpose missing, damaged or twice.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class ArrivalCheckerIT {

    @TempDir
    static Path recording;

    @TempDir
    Path dir;

    private static List<SegmentInfo> produced;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** About 8 s of a moving test pattern, 1 s segments, a key frame at least every 2 s. */
    @BeforeAll
    static void recordSegments() throws IOException, InterruptedException {
        List<String> args = List.of("--set", "camera.cam1.source=testsrc", "--set", "camera.cam1.pattern=moving",
                "--set", "camera.cam1.width=320", "--set", "camera.cam1.height=240", "--set", "segment.seconds=1",
                "--set", "encoder.max_key_interval=2");
        try (ApplianceProcess cairn = ApplianceProcess.start(recording.resolve("data"), recording.resolve("cairn.log"), args)) {
            cairn.waitForLog("capture-cam1: opened", Duration.ofSeconds(30));
            Thread.sleep(8_500);
            assertEquals(0, cairn.terminate(Duration.ofSeconds(25)));
        }
        produced = ProducedSegments.read(recording.resolve("data").resolve("spool"));
    }

    @Test
    void segmentsUploadedThroughTheLinkAreCheckedOneByOne() throws Exception {
        List<List<SegmentInfo>> groups = ArrivalChecker.groupsOfPictures(produced).stream().filter(g -> g.size() >= 2).toList();
        assertTrue(groups.size() >= 3 && groups.stream().allMatch(g -> g.get(0).startsWithKey()),
                "the recording needs 3 groups of pictures of 2 segments or more: " + produced);
        SegmentInfo damaged = groups.get(0).get(1);
        SegmentInfo missing = groups.get(1).get(0);
        SegmentInfo twice = groups.get(2).get(0);
        Path spool = recording.resolve("data").resolve("spool");

        LinkConfig link = LinkConfig.unlimited().withUplink(MahimahiTrace.constant(4000)).withRtt(Duration.ofMillis(60));
        ArrivalReport report;
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults());
                LinkEmulator emulator = LinkEmulator.start(link, receiver.address(), 0)) {
            URI base = URI.create("http://127.0.0.1:" + emulator.port() + "/");
            int puts = 0;
            for (SegmentInfo s : produced) {
                if (s.equals(missing)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(spool.resolve(s.camera()).resolve(String.format("%012d.ts", s.sequence())));
                if (s.equals(damaged)) {
                    bytes[bytes.length / 2] ^= 0x55;
                }
                int times = s.equals(twice) ? 2 : 1;
                for (int i = 0; i < times; i++) {
                    assertEquals(i == 0 ? 201 : 204, put(base.resolve(RemoteNaming.SPOOL_LAYOUT.path(s.camera(), s.sequence())), bytes));
                    puts++;
                }
            }
            report = new ArrivalChecker(receiver.root(), RemoteNaming.SPOOL_LAYOUT, new Ffprobe())
                    .check(produced, receiver.awaitRequests(puts, Duration.ofSeconds(10)));
        }

        System.out.printf("ArrivalCheckerIT: %s%n%s", report.totals(), report.describeProblems());
        assertEquals(produced.size(), report.produced());
        assertEquals(2, report.lost(), "one missing, one damaged");
        assertEquals(1, report.corrupt());
        assertEquals(1, report.duplicates());
        assertEquals(produced.size() - 2, report.delivered());
        assertEquals(List.of(), report.unexpected());
        for (SegmentArrival a : report.segments()) {
            SegmentInfo s = produced.stream().filter(p -> p.sequence() == a.sequence()).findFirst().orElseThrow();
            Status expected = s.equals(damaged) ? Status.DAMAGED : s.equals(missing) ? Status.MISSING : Status.DELIVERED;
            assertEquals(expected, a.status(), a.toString());
            boolean inGroup0AfterDamage = groups.get(0).indexOf(s) >= 1;
            boolean inGroup1 = groups.get(1).contains(s);
            assertEquals(a.status() == Status.DELIVERED && !inGroup0AfterDamage && !inGroup1, a.decodeChecked(),
                    "decoded only where the whole group up to it arrived: " + a);
            assertEquals(s.equals(twice) ? 2 : s.equals(missing) ? 0 : 1, a.storedPuts(), a.toString());
            assertEquals(a.storedPuts() > 0, a.firstStoredEpochSeconds().isPresent());
        }
    }

    @Test
    void aWholeSegmentThatDoesNotDecodeIsUndecodableAndStrayFilesAreListed() throws Exception {
        byte[] garbage = new byte[40_000];
        new Random(3).nextBytes(garbage);
        RemoteNaming live = (camera, sequence) -> "live/" + camera + "-" + sequence + ".ts";
        Path root = Files.createDirectories(dir.resolve("www").resolve("live"));
        Files.write(root.resolve("camX-7.ts"), garbage);
        Files.write(root.resolve("camX-8.ts"), garbage);
        SegmentInfo info = new SegmentInfo("camX", "boot", 7, 0, 1_000_000_000L, 0, 1000, false, true, 10, garbage.length,
                HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(garbage)), 320, 240, 0,
                "h264");

        ArrivalReport report = new ArrivalChecker(dir.resolve("www"), live, new Ffprobe()).check(List.of(info), List.of());

        SegmentArrival a = report.segments().get(0);
        assertEquals(Status.UNDECODABLE, a.status());
        assertTrue(a.whole() && a.decodeChecked());
        assertTrue(a.detail().startsWith("its group of pictures from sequence 7 fails to decode: "), a.detail());
        assertEquals(List.of("live/camX-8.ts"), report.unexpected());
        assertEquals(1, report.corrupt());
        assertEquals(0, report.lost());
        assertEquals(0, report.delivered());
    }

    @Test
    void aBodyCutMidwayByTheLinkLeavesNothingOnTheServerAndARetryStoresIt() throws Exception {
        byte[] body = new byte[1_000_000];
        new Random(4).nextBytes(body);
        LinkConfig link = LinkConfig.unlimited().withUplink(MahimahiTrace.constant(1000));
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults());
                LinkEmulator emulator = LinkEmulator.start(link, receiver.address(), 0)) {
            URI url = URI.create("http://127.0.0.1:" + emulator.port() + "/cam1/000000000001.ts");
            CompletableFuture<HttpResponse<Void>> upload = http.sendAsync(
                    HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (emulator.uplinkCounters().delivered() < 200_000 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            emulator.resetConnections();

            ExecutionException failed = assertThrows(ExecutionException.class, () -> upload.get(20, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IOException, failed.toString());
            AccessLog.Entry cut = receiver.awaitRequests(1, Duration.ofSeconds(10)).get(0);
            assertFalse(cut.storedPut(), cut.toString());
            assertTrue(cut.requestBytes() >= 200_000 && cut.requestBytes() < body.length, cut.toString());
            assertFalse(Files.exists(receiver.root().resolve("cam1/000000000001.ts")));
            try (Stream<Path> temp = Files.list(receiver.runDir().resolve("tmp").resolve("body"))) {
                assertEquals(0, temp.count(), "nginx removed the half body");
            }

            assertEquals(201, put(url, body));
            assertEquals(body.length, Files.size(receiver.root().resolve("cam1/000000000001.ts")));
            System.out.printf("ArrivalCheckerIT: cut request logged as %s%n", cut);
        }
    }

    private int put(URI url, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
