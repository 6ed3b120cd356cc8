package cairn.uplink;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bytes of an HTTP/1.1 request head and answer as the JDK's client and a server put them on the
 * wire: the data plan pays for headers too (about 200 bytes each way, as much as a still segment's
 * picture). TLS records and TCP/IP headers are not counted.
 */
final class HttpWire {
  /** The JDK client's own headers: {@code Host}, {@code User-Agent: Java-http-client/17…}, {@code Content-Length}. */
  private static final int CLIENT_HEADERS = 6 + 2 + 12 + 26 + 2 + 16 + 2;
  /** {@code HTTP/1.1 201 Created} and the blank line; the answer's headers are counted as they came. */
  private static final int STATUS_LINE = 24 + 2;

  private HttpWire() {}

  static long requestBytes(String method, URI uri, String contentType, Optional<String> authorization, long body) {
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    long head = method.length() + 1 + path.length() + " HTTP/1.1\r\n".length() + CLIENT_HEADERS
        + uri.getHost().length() + 6 + Long.toString(body).length() + 2;
    if (!contentType.isEmpty()) {
      head += "Content-Type: ".length() + contentType.length() + 2;
    }
    head += authorization.map(a -> "Authorization: ".length() + a.getBytes(StandardCharsets.UTF_8).length + 2L)
        .orElse(0L);
    return head + body;
  }

  static long responseBytes(HttpHeaders headers) {
    long n = STATUS_LINE;
    for (Map.Entry<String, List<String>> h : headers.map().entrySet()) {
      for (String v : h.getValue()) {
        n += h.getKey().length() + 2 + v.length() + 2;
      }
    }
    return n;
  }
}
