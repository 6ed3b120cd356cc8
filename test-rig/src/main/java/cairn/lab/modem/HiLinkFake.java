package cairn.lab.modem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A HiLink router's web API on 127.0.0.1 whose answers follow the replayed link ({@link TraceRadio}), for
 * {@code cairn.hardware.modem.HiLinkReader}: {@code GET /api/webserver/SesTokInfo} hands out a session (SesInfo
 * cookie, TokInfo token, a new one each time, the old one then void); {@code /api/monitoring/status},
 * {@code /api/device/signal} and {@code /api/net/current-plmn} answer only to the current cookie and
 * {@code __RequestVerificationToken}, otherwise {@code <error><code>125002</code>} with HTTP 200, as routers do.
 * Other paths: HTTP 404. It sits on the LAN side of the modem, so its traffic never crosses the link emulator.
 *
 * <p>Requests are answered one at a time on the server's own thread; {@link #close()} stops it.
 *
 * <pre>{@code
 * try (HiLinkFake router = HiLinkFake.start(new TraceRadio(link.uplinkSchedule(), family), msSinceLinkStart)) {
 *     ... --set link.modem=hilink --set link.modem_url=router.url() ...
 * }
 * }</pre>
 */
public final class HiLinkFake implements AutoCloseable {

    static final String SESSION_PATH = "/api/webserver/SesTokInfo";
    static final String STATUS_PATH = "/api/monitoring/status";
    static final String SIGNAL_PATH = "/api/device/signal";
    static final String PLMN_PATH = "/api/net/current-plmn";
    static final int WRONG_SESSION = 125002;

    private final HttpServer server;
    private final TraceRadio radio;
    private final LongSupplier linkMs;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong sessions = new AtomicLong();
    private volatile String cookie;
    private volatile String token;

    private HiLinkFake(TraceRadio radio, LongSupplier linkMs) throws IOException {
        this.radio = radio;
        this.linkMs = linkMs;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code linkMs}: milliseconds since the link emulator started, the clock the trace is replayed on. */
    public static HiLinkFake start(TraceRadio radio, LongSupplier linkMs) throws IOException {
        return new HiLinkFake(radio, linkMs);
    }

    /** The base URL, for {@code link.modem_url}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public long requests() {
        return requests.get();
    }

    /** Sessions handed out. */
    public long sessions() {
        return sessions.get();
    }

    public NetworkFamily family() {
        return radio.family();
    }

    /** The router forgets its session, as after its idle timeout or a reboot. */
    void forgetSession() {
        cookie = null;
        token = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "");
                return;
            }
            if (path.equals(SESSION_PATH)) {
                sessions.incrementAndGet();
                String newCookie = "SessionID=" + HexFormat.of().formatHex(bytes(24));
                String newToken = HexFormat.of().formatHex(bytes(16));
                cookie = newCookie;
                token = newToken;
                send(exchange, 200, RouterPages.session(newCookie, newToken));
                return;
            }
            boolean known = path.equals(STATUS_PATH) || path.equals(SIGNAL_PATH) || path.equals(PLMN_PATH);
            if (!known) {
                send(exchange, 404, "<html><body>404 Not Found</body></html>");
                return;
            }
            String c = cookie;
            String t = token;
            if (c == null || !c.equals(exchange.getRequestHeaders().getFirst("Cookie"))
                    || !t.equals(exchange.getRequestHeaders().getFirst("__RequestVerificationToken"))) {
                send(exchange, 200, RouterPages.error(WRONG_SESSION));
                return;
            }
            TraceRadio.State state = radio.at(linkMs.getAsLong());
            send(exchange, 200, switch (path) {
                case STATUS_PATH -> RouterPages.status(state);
                case SIGNAL_PATH -> RouterPages.signal(state);
                default -> RouterPages.plmn(state);
            });
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
