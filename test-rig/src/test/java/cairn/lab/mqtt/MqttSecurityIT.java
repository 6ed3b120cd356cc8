package cairn.lab.mqtt;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.*;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.ExternalCommand;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import cairn.mqtt.TlsSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with a CA and certificates the test makes with Debian's openssl (the broker demands a client certificate and a
 * password), and a wrong password: one clear log line per attempt, attempts spaced out, no tight loop.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class MqttSecurityIT {
    private static final Pattern ATTEMPT = Pattern.compile("refused user 'cairn': .*; next attempt in (\\d+) s");

    @TempDir
    Path dir;

    @Test
    void tlsWithAClientCertificateAndAPassword() throws Exception {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        ca(pki, "ca");
        signed(pki, "server", "ca", "subjectAltName=IP:127.0.0.1");
        signed(pki, "client", "ca", "extendedKeyUsage=clientAuth");
        ca(pki, "other-ca");
        MosquittoBroker.Options options = MosquittoBroker.options().user("cairn", "s3cret")
                .tls(pki.resolve("ca.crt"), pki.resolve("server.crt"), pki.resolve("server.key"), true);
        try (MosquittoBroker broker = MosquittoBroker.start(options, dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/#"),
                        Optional.of(TlsSockets.create(Optional.of(pki.resolve("ca.crt")),
                                Optional.of(pki.resolve("client.crt")), Optional.of(pki.resolve("client.key")))),
                        "cairn", "s3cret")) {
            try (ApplianceProcess cairn = Cairn.start(dir, "tls", "mqtt.url=" + broker.url(), "mqtt.username=cairn",
                    "mqtt.password=s3cret", "mqtt.ca_file=" + pki.resolve("ca.crt"),
                    "mqtt.client_cert=" + pki.resolve("client.crt"), "mqtt.client_key=" + pki.resolve("client.key"))) {
                MqttProbe.Received online = probe.await(r -> r.topic().equals("cairn/cairn/state"),
                        Duration.ofSeconds(40), "online over TLS");
                assertEquals("online", online.text());
                // The retained "online" can reach the probe just before Cairn logs the connection.
                cairn.waitForLog("mqtt: connected to ssl://127.0.0.1:" + broker.port(), Duration.ofSeconds(10));
            }
            try (ApplianceProcess stranger = Cairn.start(dir, "wrong-ca", "mqtt.url=" + broker.url(),
                    "mqtt.username=cairn", "mqtt.password=s3cret", "mqtt.ca_file=" + pki.resolve("other-ca.crt"))) {
                String line = stranger.waitForLog("mqtt: cannot connect to ssl://", Duration.ofSeconds(40));
                assertTrue(line.contains("TLS failed"), line);
            }
        }
    }

    @Test
    void aWrongPasswordIsSaidClearlyAndRetriedWithBackOff() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options().user("cairn", "right"),
                dir.resolve("broker"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url(), "mqtt.username=cairn",
                        "mqtt.password=not-the-right-one")) {
            cairn.waitForLog("next attempt in 8 s", Duration.ofSeconds(60));
            long start = System.nanoTime();
            Thread.sleep(5000);
            List<String> attempts = cairn.logLines().stream().filter(l -> ATTEMPT.matcher(l).find()).toList();
            assertTrue(cairn.isAlive());
            assertTrue(attempts.get(0).contains("mqtt: cannot connect to " + broker.url()
                    + ": the broker refused user 'cairn': not authorised (wrong password, or the user may not connect);"
                    + " next attempt in 1 s"), attempts.get(0));
            List<Integer> delays = attempts.stream().map(l -> {
                Matcher m = ATTEMPT.matcher(l);
                m.find();
                return Integer.parseInt(m.group(1));
            }).toList();
            assertEquals(List.of(1, 2, 4, 8), delays, "one line per attempt, pauses doubling: " + attempts);
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
            long refusals = broker.logText().lines().filter(l -> l.contains("not authorised")).count();
            assertTrue(refusals <= 5, refusals + " refused logins in the broker's log");
        }
    }

    private static void ca(Path pki, String name) throws IOException {
        openssl(pki, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/CN=" + name);
    }

    private static void signed(Path pki, String name, String ca, String extension) throws IOException {
        openssl(pki, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
        Files.writeString(pki.resolve(name + ".ext"), extension + "\n");
        openssl(pki, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-CAcreateserial", "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
    }

    private static void openssl(Path pki, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", "-c", "cd \"$0\" && exec openssl \"$@\"",
                pki.toString()));
        cmd.addAll(List.of(args));
        ExternalCommand.runChecked(cmd, Duration.ofSeconds(30));
    }
}
