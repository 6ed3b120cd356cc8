package cairn.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cairn.config.CairnConfig.UplinkConfig;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to the owner's server with a certificate of the owner's own: trusted through
 * {@code uplink.ca_file}, refused without it; basic and bearer credentials go in the header.
 * The certificate is made by the JDK's keytool; the server is an in-process HTTPS server on loopback.
 */
class HttpPutTlsTest {
  @TempDir Path dir;
  private HttpsServer server;
  private final List<String> authorizations = new ArrayList<>();

  private void run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    Path ks = dir.resolve("server.p12");
    run("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "secret",
        "-keypass", "secret");
    run("-exportcert", "-rfc", "-alias", "server", "-keystore", ks.toString(), "-storepass", "secret",
        "-file", dir.resolve("ca.pem").toString());
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(ks.toFile())) {
      store.load(in, "secret".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "secret".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI uri() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/up/x.ts");
  }

  private static UplinkConfig config(String ca, String user, String password, String token) {
    return new UplinkConfig("https://127.0.0.1/up", user, password, token, ca, 5, 5, 1, false, 5, 10);
  }

  @Test
  void theOwnersCaIsTrustedAndBasicAuthIsSent() throws Exception {
    HttpPut put = new HttpPut(config(dir.resolve("ca.pem").toString(), "cam", "s3cret", ""));
    assertEquals(201, put.put(uri(), new byte[1000], "video/mp2t").status());
    assertEquals("Basic Y2FtOnMzY3JldA==", authorizations.get(0));
  }

  @Test
  void aBearerTokenIsSentInsteadOfUserAndPassword() throws Exception {
    HttpPut put = new HttpPut(config(dir.resolve("ca.pem").toString(), "", "", "tok-123"));
    assertEquals(201, put.put(uri(), new byte[10], "video/mp2t").status());
    assertEquals("Bearer tok-123", authorizations.get(0));
  }

  @Test
  void withoutTheCaTheServerIsNotTrusted() throws Exception {
    HttpPut put = new HttpPut(config("", "", "", ""));
    assertThrows(SSLHandshakeException.class, () -> put.put(uri(), new byte[10], "video/mp2t"));
  }
}
