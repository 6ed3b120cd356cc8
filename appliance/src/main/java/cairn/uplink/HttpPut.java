package cairn.uplink;

import cairn.config.CairnConfig.UplinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * PUTs bytes over kept-alive HTTP/1.1 connections (3G round trips are expensive), with basic or
 * bearer auth and, for https, an optional CA of the owner's own. The body goes with an exact
 * Content-Length, so a 2xx answer means the server received all of it. Credentials appear only
 * in the Authorization header, never in a message. Any thread: requests made at the same time go
 * on connections of their own (the JDK client keeps them alive and reuses them); the wire-bytes
 * consumer must take calls from several threads.
 */
public final class HttpPut {
  /** Allowance on top of the base timeout: a request may take 1 s per this many bytes. */
  static final long BYTES_PER_SECOND_ALLOWED = 8 * 1024;

  private final HttpClient client;
  private final Optional<String> authorization;
  private final Duration timeout;
  private final LongConsumer wireBytes;

  public HttpPut(UplinkConfig c) throws IOException {
    this(c, n -> {});
  }

  /** @param wireBytes told what each request and its answer put on the wire (TLS and TCP/IP not included) */
  public HttpPut(UplinkConfig c, LongConsumer wireBytes) throws IOException {
    this.wireBytes = wireBytes;
    // HTTP/1.1 on several connections, not HTTP/2 on one: the owner's server is often plain http, where HTTP/2 needs
    // the h2c upgrade (dropped by RFC 9113; nginx takes cleartext HTTP/2 only with prior knowledge, which the JDK client
    // does not offer); a request per connection is answered on its own, so a lost answer costs one HEAD, not every
    // request behind it; and the JDK client does not pipeline. HttpWire counts HTTP/1.1 headers. (Reasoned, not
    // measured against HTTP/2.)
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis((long) (c.connectTimeoutS() * 1000)));
    if (!c.caFile().isEmpty()) {
      b.sslContext(trusting(Path.of(c.caFile())));
    }
    client = b.build();
    timeout = Duration.ofMillis((long) (c.timeoutS() * 1000));
    if (!c.token().isEmpty()) {
      authorization = Optional.of("Bearer " + c.token());
    } else if (!c.user().isEmpty()) {
      authorization = Optional.of("Basic " + Base64.getEncoder()
          .encodeToString((c.user() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
    } else {
      authorization = Optional.empty();
    }
  }

  /**
   * Header that marks a segment sent live, for the server's logs (the lab tells live from backlog by it): a server
   * ignores headers it does not know.
   */
  public static final String LIVE_HEADER = "X-Cairn-Live";

  public PutResult put(URI uri, byte[] body, String contentType) throws IOException {
    return put(uri, body, contentType, false);
  }

  /** @param live whether {@code body} is a segment sent live ({@link #LIVE_HEADER}) */
  public PutResult put(URI uri, byte[] body, String contentType, boolean live) throws IOException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri)
        .timeout(timeout.plusSeconds(body.length / BYTES_PER_SECOND_ALLOWED))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    authorization.ifPresent(a -> r.header("Authorization", a));
    if (live) {
      r.header(LIVE_HEADER, "1");
    }
    long start = System.nanoTime();
    // Counted before sending: a request cut off midway has still cost (some of) its bytes.
    wireBytes.accept(HttpWire.requestBytes("PUT", uri, contentType, authorization, body.length)
        + (live ? LIVE_HEADER.length() + 5 : 0));
    try {
      HttpResponse<InputStream> response = client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
      long nanos = System.nanoTime() - start;
      long answer;
      try (InputStream in = response.body()) {
        answer = in.readNBytes(64 * 1024).length; // drain the (small) answer so the connection can be reused
      }
      wireBytes.accept(HttpWire.responseBytes(response.headers()) + answer);
      return new PutResult(response.statusCode(), body.length, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("upload interrupted");
    }
  }

  /** The size the server holds at {@code uri}, if it answers 200 with a Content-Length; else -1. */
  public long sizeOf(URI uri) throws IOException {
    HttpResponse<Void> response = head(uri);
    return response.statusCode() == 200 ? response.headers().firstValueAsLong("Content-Length").orElse(-1) : -1;
  }

  /** A HEAD of {@code uri}: whether the server answers at all (any status). */
  public PutResult probe(URI uri) throws IOException {
    long start = System.nanoTime();
    int status = head(uri).statusCode();
    return new PutResult(status, 0, System.nanoTime() - start);
  }

  private HttpResponse<Void> head(URI uri) throws IOException {
    HttpRequest.Builder r = HttpRequest.newBuilder(uri).timeout(timeout)
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
    authorization.ifPresent(a -> r.header("Authorization", a));
    wireBytes.accept(HttpWire.requestBytes("HEAD", uri, "", authorization, 0));
    try {
      HttpResponse<Void> response = client.send(r.build(), HttpResponse.BodyHandlers.discarding());
      wireBytes.accept(HttpWire.responseBytes(response.headers()));
      return response;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }

  private static SSLContext trusting(Path caFile) throws IOException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, (X509Certificate) cert);
      }
      if (i == 0) {
        throw new IOException(caFile + " holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("uplink.ca_file " + caFile + " cannot be used: " + e.getMessage(), e);
    }
  }
}
