package cairn.lab.receiver;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Debian's nginx as the owner's server, on loopback, driven by Java's own HTTP client. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class NginxReceiverIT {

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> put(URI url, byte[] body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(20))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aNewFileIsCreatedAnOverwriteAnswers204AndTheFileIsWhole() throws Exception {
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults())) {
            URI url = receiver.baseUrl().resolve("cam1/000000000001.ts");
            byte[] first = random(300_000, 1);
            byte[] second = random(200_000, 2);

            assertEquals(201, put(url, first).statusCode());
            assertArrayEquals(first, Files.readAllBytes(receiver.root().resolve("cam1/000000000001.ts")));
            assertEquals(204, put(url, second).statusCode());
            assertArrayEquals(second, Files.readAllBytes(receiver.root().resolve("cam1/000000000001.ts")));
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, get.statusCode());
            assertEquals("video/mp2t", get.headers().firstValue("Content-Type").orElse(""));

            List<AccessLog.Entry> log = receiver.awaitRequests(3, Duration.ofSeconds(10));
            assertEquals(List.of(201, 204, 200), log.stream().map(AccessLog.Entry::status).toList());
            assertEquals("/cam1/000000000001.ts", log.get(0).path());
            assertTrue(log.get(0).requestBytes() > first.length, "request bytes " + log.get(0).requestBytes());
            assertEquals(List.of(true, true, false), log.stream().map(AccessLog.Entry::storedPut).toList());
            assertEquals(1, log.stream().map(AccessLog.Entry::connection).distinct().count(), "one kept-alive connection");
        }
    }

    @Test
    void aChunkedBodyIsStoredWholeToo() throws Exception {
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults())) {
            byte[] body = random(150_000, 3);
            HttpRequest request = HttpRequest.newBuilder(receiver.baseUrl().resolve("cam2/deep/er/x.ts"))
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

            assertEquals(201, http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
            assertArrayEquals(body, Files.readAllBytes(receiver.root().resolve("cam2/deep/er/x.ts")));
        }
    }

    @Test
    void basicAuthIsRequiredWhenConfigured() throws Exception {
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults().withBasicAuth("cairn", "s3cret pass"))) {
            URI url = receiver.baseUrl().resolve("cam1/a.ts");

            assertEquals(401, put(url, random(1000, 4)).statusCode());
            assertEquals(401, put(url, random(1000, 4), "Authorization", basic("cairn", "wrong")).statusCode());
            assertEquals(201, put(url, random(1000, 4), "Authorization", basic("cairn", "s3cret pass")).statusCode());
            assertFalse(Files.readString(receiver.runDir().resolve("htpasswd")).contains("s3cret"), "hashed");
            assertFalse(Files.readString(receiver.runDir().resolve("nginx.conf")).contains("s3cret"));
        }
    }

    @Test
    void aBearerTokenIsRequiredWhenConfigured() throws Exception {
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults().withBearerToken("tok-123"))) {
            URI url = receiver.baseUrl().resolve("cam1/a.ts");

            HttpResponse<String> refused = put(url, random(1000, 5));
            assertEquals(401, refused.statusCode());
            assertEquals("Bearer realm=\"cairn\"", refused.headers().firstValue("WWW-Authenticate").orElse(""));
            assertEquals(401, put(url, random(1000, 5), "Authorization", "Bearer tok-124").statusCode());
            assertEquals(201, put(url, random(1000, 5), "Authorization", "Bearer tok-123").statusCode());
        }
    }

    @Test
    void faultsSwitchOnAndOffForTheVeryNextRequest() throws Exception {
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults())) {
            URI url = receiver.baseUrl().resolve("cam1/000000000007.ts");
            for (Fault fault : List.of(Fault.FORBIDDEN, Fault.SERVER_ERROR, Fault.UNAVAILABLE, Fault.INSUFFICIENT_STORAGE,
                    Fault.TOO_MANY_REQUESTS)) {
                receiver.inject(fault);
                assertEquals(fault.status(), put(url, random(50_000, 6)).statusCode(), fault.name());
                receiver.clearFault(fault);
            }
            assertFalse(Files.exists(receiver.root().resolve("cam1/000000000007.ts")));

            receiver.inject(Fault.CLOSE_CONNECTION);
            assertThrows(IOException.class, () -> put(url, random(2_000_000, 7)));
            receiver.clearFaults();

            assertEquals(201, put(url, random(50_000, 8)).statusCode());
            List<Integer> statuses = receiver.awaitRequests(7, Duration.ofSeconds(10)).stream().map(AccessLog.Entry::status).toList();
            assertEquals(List.of(403, 500, 503, 507, 429, 444, 201), statuses);
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackOnTheSamePort() throws Exception {
        try (NginxReceiver receiver = NginxReceiver.start(dir, ReceiverOptions.defaults())) {
            URI url = receiver.baseUrl().resolve("cam1/b.ts");
            assertEquals(201, put(url, random(1000, 9)).statusCode());

            receiver.stop();
            assertFalse(receiver.isRunning());
            assertThrows(ConnectException.class, () -> put(url, random(1000, 9)));
            receiver.start();

            assertEquals(204, put(url, random(1000, 9)).statusCode());
        }
    }

    @Test
    void nginxEndsWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ReceiverInChildJvm.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            String ready = new String(child.getInputStream().readNBytes(6), StandardCharsets.UTF_8);
            assertEquals("READY ", ready, "the child JVM started a receiver");
            long nginx = Long.parseLong(Files.readString(dir.resolve("nginx.pid")).strip());
            assertTrue(ProcessHandle.of(nginx).isPresent());

            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcessHandle.of(nginx).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertFalse(ProcessHandle.of(nginx).map(ProcessHandle::isAlive).orElse(false), "nginx master " + nginx + " still runs");
        } finally {
            child.destroyForcibly();
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
