package cairn.hardware.modem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A HiLink router's web API on 127.0.0.1: hands out a session at {@code /api/webserver/SesTokInfo} and answers
 * {@code <error><code>125002</code>} (with HTTP 200, like the real ones) to GETs without the current cookie and
 * token. Bodies per path are set by the test; a path without a body answers 404.
 */
final class FakeHiLinkRouter implements AutoCloseable {
    /** Answers one request itself (garbage, slowness, odd status codes). */
    interface Responder {
        void respond(HttpExchange exchange) throws IOException, InterruptedException;
    }

    record Request(String path, String cookie, String token) {}

    static final String SESSION_EXPIRED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<error>\n<code>125002</code>\n<message></message>\n</error>\n";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-hilink");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String cookie;
    private volatile String token;
    volatile boolean sessionsRequired = true;
    volatile boolean refuseEverySession;

    private FakeHiLinkRouter() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeHiLinkRouter start() throws IOException {
        return new FakeHiLinkRouter();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeHiLinkRouter body(String path, String xml) {
        bodies.put(path, xml);
        return this;
    }

    FakeHiLinkRouter resource(String path, String name) {
        try (InputStream in = FakeHiLinkRouter.class.getResourceAsStream("hilink/" + name)) {
            return body(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    FakeHiLinkRouter respond(String path, Responder responder) {
        responders.put(path, responder);
        return this;
    }

    /** A typical LTE stick: E3372h status and signal, Telekom.de as operator. */
    FakeHiLinkRouter lteStick() {
        return resource(HiLinkReader.STATUS_PATH, "e3372h-status-lte.xml")
                .resource(HiLinkReader.SIGNAL_PATH, "e3372h-signal-lte.xml")
                .resource(HiLinkReader.PLMN_PATH, "current-plmn.xml");
    }

    /** The router forgets its session, as after a reboot or its idle timeout. */
    void forgetSession() {
        cookie = null;
        token = null;
    }

    int handshakes() {
        return handshakes.get();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    long requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    /** Blocks a slow responder until the test ends (or 10 s). */
    void awaitRelease() throws InterruptedException {
        released.await(10, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Cookie"),
                    exchange.getRequestHeaders().getFirst("__RequestVerificationToken")));
            Responder responder = responders.get(path);
            if (responder != null) {
                responder.respond(exchange);
                return;
            }
            if (path.equals(HiLinkReader.SESSION_PATH)) {
                int n = handshakes.incrementAndGet();
                cookie = "SessionID=4Xr6pqD9k5i8bTSX32YGrVGirdhK7zyN/oajMHwMklaXrF3RKiUTU5v4tI9tAZx" + n;
                token = "ttws6CQ9WT5EftzoWYS6yVCEfRNK3Bh" + n;
                send(exchange, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<response>\n<SesInfo>" + cookie
                        + "</SesInfo>\n<TokInfo>" + token + "</TokInfo>\n</response>\n");
                return;
            }
            String body = bodies.get(path);
            if (body == null) {
                send(exchange, 404, "<html><body>404 Not Found</body></html>");
                return;
            }
            if (sessionsRequired && (refuseEverySession || cookie == null
                    || !cookie.equals(exchange.getRequestHeaders().getFirst("Cookie"))
                    || !token.equals(exchange.getRequestHeaders().getFirst("__RequestVerificationToken")))) {
                send(exchange, 200, SESSION_EXPIRED);
                return;
            }
            send(exchange, 200, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
