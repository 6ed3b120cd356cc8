package cairn.hardware.modem;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a Huawei HiLink router or stick (E3372h, B315, B525 and kin) through its web API.
 *
 * <pre>
 *  no session --GET /api/webserver/SesTokInfo--> session: Cookie = SesInfo, __RequestVerificationToken = TokInfo
 *      ^                                              |
 *      | error 12500x on a GET                        v
 *      | (renewed at most once per read)     GET /api/monitoring/status  (network type, service, bars)
 *      +-------------------------------------GET /api/device/signal      (rssi, rsrp, rsrq, sinr)
 *                                            GET /api/net/current-plmn   (operator)
 * </pre>
 *
 * <p>The session is kept between reads and renewed when the router answers {@code <error><code>125002</code>}
 * (or 125001/125003); a second refusal within the same read is a {@link ModemFailure.Reason#SESSION} failure, so a
 * confused router costs two handshakes per read at most. Routers that lack SesTokInfo (HTTP 404 or error 100002,
 * old firmware) are read without a session. Routers with a login enabled answer 100003; Cairn does not log in.
 *
 * <p>Every read ends within the timeout: each request gets what is left of it, bodies are capped at 64 KiB.
 * Redirects are not followed and no proxy is used. Single-threaded, like every {@link ModemReader}.
 */
public final class HiLinkReader implements ModemReader {
    public static final URI DEFAULT_URL = URI.create("http://192.168.8.1");
    static final String SESSION_PATH = "/api/webserver/SesTokInfo";
    static final String STATUS_PATH = "/api/monitoring/status";
    static final String SIGNAL_PATH = "/api/device/signal";
    static final String PLMN_PATH = "/api/net/current-plmn";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private record Session(String cookie, String token) {
        static final Session NONE = new Session(null, null);
    }

    private final URI base;
    private final Duration timeout;
    private final InstantSource clock;
    private final HttpClient client;
    private Session session;

    /** @param base the router's address, {@code http://192.168.8.1} for most HiLink devices */
    public HiLinkReader(URI base, Duration timeout, InstantSource clock) {
        this.base = checkBase(base);
        this.timeout = checkTimeout(timeout);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public ModemResult read() {
        Exchange exchange = new Exchange(Deadline.after(timeout));
        try {
            if (session == null) {
                session = exchange.handshake();
            }
            HiLinkXml.Fields status = exchange.required(STATUS_PATH);
            HiLinkXml.Fields signal = exchange.optional(SIGNAL_PATH);
            HiLinkXml.Fields plmn = exchange.optional(PLMN_PATH);
            return HiLinkFields.sample(status, signal, plmn, clock.instant());
        } catch (ReadFailure failure) {
            if (failure.reason() == ModemFailure.Reason.SESSION) {
                session = null;
            }
            return failure.toFailure(clock.instant());
        }
    }

    @Override
    public String describe() {
        return "HiLink router at " + base;
    }

    /** One read's requests; allows one session renewal among them. */
    private final class Exchange {
        private final Deadline deadline;
        private boolean renewed;

        Exchange(Deadline deadline) {
            this.deadline = deadline;
        }

        Session handshake() throws ReadFailure {
            HiLinkXml.Reply reply = fetch(SESSION_PATH, Session.NONE);
            if (reply instanceof HiLinkXml.Missing
                    || (reply instanceof HiLinkXml.Error error && error.code() == HiLinkXml.NO_SUPPORT)) {
                return Session.NONE;
            }
            if (reply instanceof HiLinkXml.Error error) {
                throw new ReadFailure(ModemFailure.Reason.DEVICE_ERROR,
                        where(SESSION_PATH) + " answered error " + error.code() + " instead of a session");
            }
            HiLinkXml.Fields fields = (HiLinkXml.Fields) reply;
            String sesInfo = fields.get("SesInfo");
            String tokInfo = fields.get("TokInfo");
            if (sesInfo == null || sesInfo.isBlank() || tokInfo == null || tokInfo.isBlank()
                    || !headerSafe(sesInfo) || !headerSafe(tokInfo)) {
                throw new ReadFailure(ModemFailure.Reason.GARBAGE,
                        where(SESSION_PATH) + " answered without a usable SesInfo and TokInfo");
            }
            String cookie = sesInfo.startsWith("SessionID=") ? sesInfo : "SessionID=" + sesInfo;
            return new Session(cookie, tokInfo);
        }

        HiLinkXml.Fields required(String path) throws ReadFailure {
            HiLinkXml.Reply reply = get(path);
            if (reply instanceof HiLinkXml.Fields fields) {
                return fields;
            }
            if (reply instanceof HiLinkXml.Missing) {
                throw new ReadFailure(ModemFailure.Reason.DEVICE_ERROR,
                        where(path) + " does not exist (HTTP 404): is this a HiLink device?");
            }
            throw errorFailure(path, (HiLinkXml.Error) reply);
        }

        /** Null when the router does not offer {@code path} (HTTP 404, error 100002 or 100003). */
        HiLinkXml.Fields optional(String path) throws ReadFailure {
            HiLinkXml.Reply reply = get(path);
            if (reply instanceof HiLinkXml.Fields fields) {
                return fields;
            }
            if (reply instanceof HiLinkXml.Missing) {
                return null;
            }
            HiLinkXml.Error error = (HiLinkXml.Error) reply;
            if (error.code() == HiLinkXml.NO_SUPPORT || error.code() == HiLinkXml.NO_RIGHTS) {
                return null;
            }
            throw errorFailure(path, error);
        }

        private HiLinkXml.Reply get(String path) throws ReadFailure {
            HiLinkXml.Reply reply = fetch(path, session);
            if (reply instanceof HiLinkXml.Error error && HiLinkXml.isSessionError(error.code())) {
                if (renewed) {
                    throw new ReadFailure(ModemFailure.Reason.SESSION, where(path) + " refused a fresh session token"
                            + " (error " + error.code() + ")");
                }
                renewed = true;
                session = handshake();
                reply = fetch(path, session);
                if (reply instanceof HiLinkXml.Error again && HiLinkXml.isSessionError(again.code())) {
                    throw new ReadFailure(ModemFailure.Reason.SESSION, where(path)
                            + " refused a fresh session token (error " + again.code() + ")");
                }
            }
            return reply;
        }

        private ReadFailure errorFailure(String path, HiLinkXml.Error error) {
            if (error.code() == HiLinkXml.NO_RIGHTS) {
                return new ReadFailure(ModemFailure.Reason.SESSION, where(path) + " wants a login (error 100003);"
                        + " Cairn reads without a password: turn the router's API login off");
            }
            String meaning = error.code() == HiLinkXml.SYSTEM_BUSY ? " (system busy)" : "";
            return new ReadFailure(ModemFailure.Reason.DEVICE_ERROR,
                    where(path) + " answered error " + error.code() + meaning);
        }

        private HiLinkXml.Reply fetch(String path, Session with) throws ReadFailure {
            long remaining = deadline.remainingNanos();
            if (remaining <= 0) {
                throw new ReadFailure(ModemFailure.Reason.TIMEOUT,
                        "no time left for " + where(path) + " within " + seconds(timeout));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", "application/xml, text/xml")
                    .GET();
            if (with.cookie() != null) {
                request.header("Cookie", with.cookie());
                request.header("__RequestVerificationToken", with.token());
            }
            CompletableFuture<HttpResponse<byte[]>> pending =
                    client.sendAsync(request.build(), info -> new LimitedBody(MAX_BODY_BYTES));
            HttpResponse<byte[]> response;
            try {
                response = pending.get(remaining, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                pending.cancel(true);
                throw timeoutFailure(path);
            } catch (InterruptedException e) {
                pending.cancel(true);
                Thread.currentThread().interrupt();
                throw new ReadFailure(ModemFailure.Reason.INTERRUPTED, "interrupted while asking " + where(path));
            } catch (ExecutionException e) {
                throw transportFailure(path, e.getCause());
            }
            if (response.statusCode() == 404) {
                return new HiLinkXml.Missing();
            }
            if (response.statusCode() != 200) {
                throw new ReadFailure(ModemFailure.Reason.DEVICE_ERROR,
                        where(path) + " answered HTTP " + response.statusCode());
            }
            return HiLinkXml.parse(response.body(), where(path));
        }

        private ReadFailure timeoutFailure(String path) {
            return new ReadFailure(ModemFailure.Reason.TIMEOUT,
                    where(path) + " did not answer within " + seconds(timeout));
        }

        private ReadFailure transportFailure(String path, Throwable cause) {
            if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
                return timeoutFailure(path);
            }
            if (cause instanceof LimitedBody.TooLarge) {
                return new ReadFailure(ModemFailure.Reason.GARBAGE, where(path) + " sent an " + cause.getMessage());
            }
            if (cause instanceof ConnectException) {
                return new ReadFailure(ModemFailure.Reason.UNREACHABLE, "cannot connect to " + base + ": "
                        + Printable.of(String.valueOf(cause.getMessage()), 120));
            }
            if (cause instanceof ProtocolException) {
                return new ReadFailure(ModemFailure.Reason.GARBAGE, where(path) + " did not answer in HTTP: "
                        + Printable.of(cause.getMessage(), 120));
            }
            if (cause instanceof IOException) {
                return new ReadFailure(ModemFailure.Reason.UNREACHABLE, "the connection to " + base + " failed: "
                        + Printable.of(String.valueOf(cause.getMessage()), 120));
            }
            return new ReadFailure(ModemFailure.Reason.GARBAGE, where(path) + " could not be read: "
                    + Printable.of(String.valueOf(cause), 120));
        }
    }

    private String where(String path) {
        return "the router at " + base + " (" + path + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static boolean headerSafe(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static URI checkBase(URI base) {
        Objects.requireNonNull(base, "base");
        if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
            throw new IllegalArgumentException("the router URL must look like http://192.168.8.1, got '" + base + "'");
        }
        return base;
    }

    static Duration checkTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return timeout;
    }
}
