package cairn.app;

import cairn.config.ConfigSchema;
import cairn.config.ConfigValues;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The installer's status page (status_page.port, off by default): one read-only HTML page that
 * refreshes itself, and each camera's latest picture, served by the JDK's HTTP server on the local
 * network. No script, no external asset; nothing it serves changes anything. With
 * status_page.password every request needs it (HTTP basic authentication, any user name).
 * Requests run one at a time on the thread {@code status-page}.
 */
final class StatusPage implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(StatusPage.class.getName());
  private static final int PICTURE_MAX_BYTES = 256 << 10;

  private final HttpServer server;
  private final byte[] passwordDigest;

  /**
   * @param page the page's HTML, made anew for each request
   * @param picture a camera's latest picture as JPEG, empty when there is none
   */
  StatusPage(int port, String password, Supplier<String> page, Function<String, Optional<byte[]>> picture)
      throws IOException {
    this.passwordDigest = password.isEmpty() ? null : sha256(password);
    server = HttpServer.create(new InetSocketAddress(port), 8);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "status-page");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", exchange -> serve(exchange, page, picture));
    server.start();
    LOG.info("status page on port " + server.getAddress().getPort() + (password.isEmpty() ? ", no password"
        : ", password required"));
  }

  /** The page as configured (status_page.*), or empty when it is off or its port is taken (logged). */
  static Optional<StatusPage> start(ConfigValues config, Supplier<String> page,
      Function<String, Optional<byte[]>> picture) {
    int port = config.get(ConfigSchema.STATUS_PAGE_PORT);
    if (port == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new StatusPage(port, config.get(ConfigSchema.STATUS_PAGE_PASSWORD), page, picture));
    } catch (IOException e) {
      LOG.warning("status page off: cannot listen on port " + port + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange, Supplier<String> page, Function<String, Optional<byte[]>> picture)
      throws IOException {
    try (exchange) {
      if (!authorised(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Cairn\", charset=\"UTF-8\"");
        send(exchange, 401, "text/plain; charset=utf-8", "password required\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", "read-only\n".getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/")) {
        send(exchange, 200, "text/html; charset=utf-8", page.get().getBytes(StandardCharsets.UTF_8));
      } else if (path.startsWith("/picture/") && path.endsWith(".jpg")) {
        Optional<byte[]> jpeg = picture.apply(path.substring("/picture/".length(), path.length() - 4));
        if (jpeg.isPresent()) {
          send(exchange, 200, "image/jpeg", jpeg.get());
        } else {
          send(exchange, 404, "text/plain; charset=utf-8", "no picture yet\n".getBytes(StandardCharsets.UTF_8));
        }
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "not here\n".getBytes(StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      LOG.warning("status page: " + e);
    }
  }

  private boolean authorised(HttpExchange exchange) {
    if (passwordDigest == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      // Digests of equal length, compared in constant time: the answer's timing tells nothing.
      return colon >= 0 && MessageDigest.isEqual(passwordDigest, sha256(decoded.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  static int pictureMaxBytes() {
    return PICTURE_MAX_BYTES;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
