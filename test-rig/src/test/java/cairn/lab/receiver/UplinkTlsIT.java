package cairn.lab.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.bus.EventBus;
import cairn.config.CairnConfig.UplinkConfig;
import cairn.encode.EncodedPacket;
import cairn.lab.rig.ExternalCommand;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import cairn.supervise.StagePolicy;
import cairn.supervise.Supervisor;
import cairn.time.SystemClock;
import cairn.time.Ticker;
import cairn.uplink.Uplink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS uploads to the lab's nginx with a certificate of the owner's own: a CA and server certificates made here by
 * Debian's openssl, the CA given to the uplink as {@code uplink.ca_file}. The server's certificate changes (a new key,
 * signed by the same CA) and uploads go on; with another CA nothing is sent and nothing leaves the spool.
 */
class UplinkTlsIT {
    private static final String OPENSSL = "/usr/bin/openssl";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir Path dir;
    private Path pki;

    private void openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(OPENSSL));
        cmd.addAll(List.of(args));
        var r = ExternalCommand.run(cmd, TIMEOUT);
        assertEquals(0, r.exitCode(), "openssl " + String.join(" ", args) + ": " + r.describe());
    }

    /** A self-signed CA, {@code NAME.key} and {@code NAME.pem}. */
    private void ca(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-subj", "/CN=" + name, "-keyout", pki.resolve(name + ".key").toString(),
                "-out", pki.resolve(name + ".pem").toString());
    }

    /** A server certificate for 127.0.0.1 with a key of its own, signed by {@code ca}: {@code NAME.key}, {@code NAME.pem}. */
    private void server(String name, String ca) throws Exception {
        Path key = pki.resolve(name + ".key");
        Path csr = pki.resolve(name + ".csr");
        Path ext = pki.resolve(name + ".ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", key.toString(), "-out", csr.toString());
        openssl("x509", "-req", "-in", csr.toString(), "-CA", pki.resolve(ca + ".pem").toString(),
                "-CAkey", pki.resolve(ca + ".key").toString(), "-CAcreateserial", "-days", "2",
                "-extfile", ext.toString(), "-out", pki.resolve(name + ".pem").toString());
    }

    @BeforeEach
    void makeCertificates() throws Exception {
        pki = Files.createDirectories(dir.resolve("pki"));
        ca("owner-ca");
        ca("other-ca");
        server("first", "owner-ca");
        server("second", "owner-ca");
        // nginx reads the certificate from these paths; the test replaces them to change it.
        Files.copy(pki.resolve("first.pem"), pki.resolve("server.pem"));
        Files.copy(pki.resolve("first.key"), pki.resolve("server.key"));
    }

    private static SegmentInfo store(Spool spool, int n) throws Exception {
        return store(spool, "cam", n);
    }

    private static SegmentInfo store(Spool spool, String camera, int n) throws Exception {
        byte[] au = new byte[2000 + n];
        au[3] = 1;
        au[4] = 0x09;
        long start = n * 2_000_000_000L;
        return spool.store(new ClosedSegment(new SegmentInfo(camera, "old-boot", -1, start, start + 2_000_000_000L,
                1_700_000_000_000L + n * 2000L, 1_700_000_002_000L + n * 2000L, true, true, 1, 0, "", 320, 240, 0,
                "libx264"), List.of(new EncodedPacket(au, 0, 0, true))));
    }

    private Uplink uplink(NginxReceiver receiver, Spool spool, String caFile, String name) throws Exception {
        String url = receiver.baseUrl().resolve("up").toString();
        return new Uplink(new UplinkConfig(url, "", "", "", caFile, 5, 10, 1, false, 5, 10), "box", "boot", spool,
                Ticker.system(), dir.resolve(name), Map.of(), s -> { });
    }

    private static void waitFor(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(done.getAsBoolean(), what);
    }

    private static byte[] stored(NginxReceiver r, SegmentInfo s) throws Exception {
        Path f = r.root().resolve("up/box").resolve(s.camera()).resolve(String.format("%012d.ts", s.sequence()));
        return Files.exists(f) ? Files.readAllBytes(f) : new byte[0];
    }

    @Test
    void uploadsOverHttpsWithTheOwnersCaGoOnWhenTheCertificateChangesAndAnotherCaSendsNothing() throws Exception {
        ReceiverOptions options = ReceiverOptions.defaults().withTls(pki.resolve("server.pem"), pki.resolve("server.key"));
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"), options)) {
            assertEquals("https", receiver.baseUrl().getScheme());
            Spool spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
            Supervisor supervisor = new Supervisor(new SystemClock(), RandomGenerator.getDefault());
            List<SegmentInfo> sent = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sent.add(store(spool, i));
            }
            Uplink uplink = uplink(receiver, spool, pki.resolve("owner-ca.pem").toString(), "state");
            supervisor.add("uplink", StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(1)), uplink);
            try {
                waitFor(() -> spool.isEmpty(), "the first certificate: all delivered");

                // A new key and certificate from the same CA; the kept-alive connections end with the old server.
                receiver.stop();
                Files.copy(pki.resolve("second.pem"), pki.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
                Files.copy(pki.resolve("second.key"), pki.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
                receiver.start();
                for (int i = 3; i < 5; i++) {
                    sent.add(store(spool, i));
                }
                waitFor(() -> spool.isEmpty(), "the second certificate: all delivered");
            } finally {
                supervisor.stop("uplink", Duration.ofSeconds(5));
            }
            for (SegmentInfo s : sent) {
                assertEquals(s.bytes(), stored(receiver, s).length, "segment " + s.sequence() + " whole on the server");
            }
            long served = receiver.requests().stream().filter(e -> e.storedPut() && e.path().endsWith(".ts")).count();
            assertEquals(5, served, "each segment stored once");

            // Another CA: the handshake fails, nothing is sent, the segments stay in the spool.
            Spool other = Spool.open(dir.resolve("other-spool"), 1L << 30, 0, new EventBus());
            SegmentInfo kept = store(other, "cam2", 7);
            Uplink wrong = uplink(receiver, other, pki.resolve("other-ca.pem").toString(), "other-state");
            Supervisor s2 = new Supervisor(new SystemClock(), RandomGenerator.getDefault());
            s2.add("uplink", StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(1)), wrong);
            try {
                waitFor(() -> wrong.stats().failures() >= 2, "the wrong CA: requests fail");
            } finally {
                s2.stop("uplink", Duration.ofSeconds(5));
            }
            assertFalse(other.isEmpty(), "nothing left the spool");
            assertEquals(kept, other.pending().get(0));
            assertEquals(0, stored(receiver, kept).length, "nothing reached the server");
            assertTrue(wrong.stats().lastError().contains("upload failed"), wrong.stats().lastError());
            assertTrue(receiver.requests().stream().noneMatch(e -> e.path().contains("cam2")),
                    "no request got through");
        }
    }

    @Test
    void theReceiverSpeaksHttpsWithTheCertificateItWasGiven() throws Exception {
        ReceiverOptions options = ReceiverOptions.defaults().withTls(pki.resolve("server.pem"), pki.resolve("server.key"));
        try (NginxReceiver receiver = NginxReceiver.start(dir.resolve("nginx"), options)) {
            var r = ExternalCommand.run(List.of("/bin/sh", "-c", OPENSSL + " s_client -connect 127.0.0.1:" + receiver.port()
                    + " -CAfile " + pki.resolve("owner-ca.pem") + " -verify_return_error </dev/null 2>&1"), TIMEOUT);
            assertEquals(0, r.exitCode(), r.describe());
            assertTrue(r.stdout().contains("Verify return code: 0 (ok)"), r.describe());
            var wrong = ExternalCommand.run(List.of("/bin/sh", "-c", OPENSSL + " s_client -connect 127.0.0.1:"
                    + receiver.port() + " -CAfile " + pki.resolve("other-ca.pem") + " -verify_return_error </dev/null 2>&1"),
                    TIMEOUT);
            assertTrue(wrong.exitCode() != 0, "another CA does not verify it: " + wrong.describe());
        }
    }
}
