package cairn.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the broker connection from PEM files, as Mosquitto's users have them: the CA that signed
 * the broker's certificate, and optionally this box's certificate and its unencrypted PKCS#8 key
 * ({@code -----BEGIN PRIVATE KEY-----}, what {@code openssl genpkey} writes; RSA or EC). The broker's
 * host name is checked against its certificate by Paho.
 */
public final class TlsSockets {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsSockets() {}

  public static SSLSocketFactory create(Optional<Path> ca, Optional<Path> cert, Optional<Path> key)
      throws IOException, GeneralSecurityException {
    TrustManagerFactory tmf = null;
    if (ca.isPresent()) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate c : certificates(ca.get())) {
        trust.setCertificateEntry("ca" + i++, c);
      }
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
    }
    KeyManagerFactory kmf = null;
    if (cert.isPresent() && key.isPresent()) {
      KeyStore own = KeyStore.getInstance(KeyStore.getDefaultType());
      own.load(null, null);
      own.setKeyEntry("client", privateKey(key.get()), NO_PASSWORD,
          certificates(cert.get()).toArray(new Certificate[0]));
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(own, NO_PASSWORD);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return ctx.getSocketFactory();
  }

  private static List<Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IOException(pem + " holds no certificate");
      }
      return List.copyOf(certs);
    }
  }

  static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN PRIVATE KEY-----";
    int from = text.indexOf(begin);
    int to = text.indexOf("-----END PRIVATE KEY-----");
    if (from < 0 || to < from) {
      throw new IOException(pem + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with"
          + " 'openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW'");
    }
    byte[] der = Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Try the next kind of key.
      }
    }
    throw new IOException(pem + " holds a key that is neither RSA, EC nor Ed25519");
  }
}
