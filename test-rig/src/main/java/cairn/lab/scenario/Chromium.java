package cairn.lab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}), headless, driven over the DevTools protocol from Java (the JDK's
 * WebSocket client; no driver to install): open one page, evaluate script in it, take a screenshot. Runs in real
 * time ({@code --virtual-time-budget} is useless for video), with the flags DESIGN.md lists for this machine (no
 * sandbox, no GPU, no background networking, autoplay allowed) and a fresh profile in the folder given.
 *
 * <p>Drive it from one thread. Every call is bounded; {@link #close()} ends the browser and every process it
 * started, and deletes the profile.
 */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--autoplay-policy=no-user-gesture-required", "--mute-audio", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path profile;
    private final Process process;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final List<String> console = Collections.synchronizedList(new ArrayList<>());
    private WebSocket socket;
    private String session;

    private Chromium(Path profile, Process process) {
        this.profile = profile;
        this.process = process;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts the browser with a fresh profile under {@code dir} and a {@code width}x{@code height} window. */
    static Chromium start(Path dir, int width, int height) throws IOException {
        Path profile = Files.createTempDirectory(Files.createDirectories(dir), "chromium-profile-");
        List<String> command = new ArrayList<>(List.of(BINARY.toString()));
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("--window-size=" + width + "," + height);
        command.add("about:blank");
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        Chromium c = new Chromium(profile, p);
        try {
            c.connect();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Path port = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(port) || Files.readAllLines(port).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("Chromium did not open its DevTools port within " + START_TIMEOUT.toSeconds()
                        + " s" + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"));
            }
            pause(50);
        }
        List<String> lines = Files.readAllLines(port);
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(CALL_TIMEOUT)
                    .buildAsync(ws, new Listener()).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to Chromium", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot connect to Chromium's DevTools at " + ws + ": " + e, e);
        }
    }

    /** Opens {@code url} in a new tab and waits (bounded) until the document has loaded. */
    void open(URI url) throws IOException {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId")
                .asText();
        call(session, "Runtime.enable", Map.of());
        call(session, "Page.enable", Map.of());
        call(session, "Page.navigate", Map.of("url", url.toString()));
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        while (!"complete".equals(evaluate("document.readyState").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IOException(url + " did not finish loading within " + CALL_TIMEOUT.toSeconds() + " s");
            }
            pause(100);
        }
    }

    /** The value of a JavaScript expression in the page (a promise is awaited), as JSON. */
    JsonNode evaluate(String expression) throws IOException {
        JsonNode r = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IOException("page script failed: " + r.path("exceptionDetails").path("exception")
                    .path("description").asText(r.path("exceptionDetails").toString()));
        }
        return r.path("result").path("value");
    }

    /** A PNG of the whole page, resized to {@code width} x its full height first. */
    byte[] screenshot(int width) throws IOException {
        int height = Math.min(8000, Math.max(200, evaluate("document.documentElement.scrollHeight").asInt()));
        call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", false));
        pause(500);
        String data = call(session, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        return Base64.getDecoder().decode(data);
    }

    /** Console messages and uncaught exceptions of the page so far. */
    List<String> console() {
        synchronized (console) {
            return List.copyOf(console);
        }
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws IOException {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.put(id, answer);
        try {
            socket.sendText(JSON.writeValueAsString(msg), true).get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            JsonNode r = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (r.has("error")) {
                throw new IOException(method + " failed: " + r.path("error").path("message").asText());
            }
            return r.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(method + " got no answer from Chromium within " + CALL_TIMEOUT.toSeconds() + " s", e);
        } finally {
            calls.remove(id);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                receive(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    private void receive(String text) {
        try {
            JsonNode m = JSON.readTree(text);
            if (m.has("id")) {
                CompletableFuture<JsonNode> f = calls.get(m.get("id").asInt());
                if (f != null) {
                    f.complete(m);
                }
            } else if (m.path("method").asText().equals("Runtime.consoleAPICalled")) {
                StringBuilder line = new StringBuilder(m.path("params").path("type").asText()).append(':');
                m.path("params").path("args").forEach(a -> line.append(' ').append(a.path("value").asText(
                        a.path("description").asText())));
                console.add(line.toString());
            } else if (m.path("method").asText().equals("Runtime.exceptionThrown")) {
                console.add("exception: " + m.path("params").path("exceptionDetails").path("exception")
                        .path("description").asText(m.path("params").toString()));
            }
        } catch (IOException e) {
            console.add("unreadable DevTools message: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                // No answer is awaited: the browser may close the socket first.
                socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true)
                        .get(2, TimeUnit.SECONDS);
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // Ended below either way.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            socket.abort();
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        deleteQuietly(profile);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // A profile left behind in the report folder is harmless.
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
