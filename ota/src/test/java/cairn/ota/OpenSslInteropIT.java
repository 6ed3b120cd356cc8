package cairn.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our key files and signatures are plain Ed25519 as OpenSSL knows it, so operators can use either tool. */
class OpenSslInteropIT {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    @TempDir
    Path dir;

    @BeforeAll
    static void opensslIsInstalled() {
        if (!Files.isExecutable(OPENSSL)) {
            fail("This test needs " + OPENSSL + " (Debian package openssl)");
        }
    }

    private String openssl(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(args)).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    @Test
    void opensslVerifiesOurManifestSignatureWithOurPublicKeyFile() throws Exception {
        Path pub = dir.resolve("ota.pub");
        Path priv = dir.resolve("ota.key");
        PemKeys.writePublicKey(pub, TestKeys.OPERATOR.getPublic());
        PemKeys.writePrivateKey(priv, TestKeys.OPERATOR.getPrivate());
        Path payload = Files.writeString(dir.resolve("release.tar"), "payload", StandardCharsets.US_ASCII);
        Bundle bundle = new BundleSigner(TestKeys.OPERATOR).sign(payload, new ReleaseTerms(new Version(1, 0, 0), 5, new Version(0, 0, 0), false), java.util.List.of(), Instant.EPOCH);
        Path rawSignature = Files.write(dir.resolve("raw.sig"),
                DetachedSignature.decode(Files.readAllBytes(bundle.signature())).ed25519());

        openssl(OPENSSL.toString(), "pkey", "-in", priv.toString(), "-noout");
        String out = openssl(OPENSSL.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin",
                "-in", bundle.manifest().toString(), "-sigfile", rawSignature.toString());
        assertEquals("Signature Verified Successfully", out.strip());
    }

    @Test
    void keysMadeByOpensslSignBundlesOurVerifierAccepts() throws Exception {
        Path priv = dir.resolve("openssl.key");
        Path pub = dir.resolve("openssl.pub");
        openssl(OPENSSL.toString(), "genpkey", "-algorithm", "ed25519", "-out", priv.toString());
        openssl(OPENSSL.toString(), "pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString());
        var keys = new java.security.KeyPair(PemKeys.readPublicKey(pub), PemKeys.readPrivateKey(priv));
        Path payload = Files.writeString(dir.resolve("release.tar"), "payload", StandardCharsets.US_ASCII);
        Bundle bundle = new BundleSigner(keys).sign(payload, new ReleaseTerms(new Version(1, 0, 0), 5, new Version(0, 0, 0),
                false), java.util.List.of(), Instant.EPOCH);
        assertEquals(new Version(1, 0, 0),
                new BundleVerifier(keys.getPublic()).verify(bundle, new Installed(new Version(0, 9, 0), 4)).manifest().version());
    }
}
