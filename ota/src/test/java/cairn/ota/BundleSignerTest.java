package cairn.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleSignerTest {
    @TempDir
    Path dir;

    @Test
    void writesAManifestDescribingThePayloadAndASignatureOverIt() throws IOException {
        Path payload = Files.writeString(dir.resolve("release.tar"), "test", StandardCharsets.US_ASCII);
        Bundle bundle = new BundleSigner(TestKeys.OPERATOR).sign(payload, new ReleaseTerms(new Version(2, 0, 0), 5, new Version(1, 0, 0), false), java.util.List.of(), Instant.parse("2026-11-21T10:15:00.999Z"));

        assertEquals(dir.resolve("release.tar.manifest"), bundle.manifest());
        assertEquals(dir.resolve("release.tar.manifest.sig"), bundle.signature());
        assertEquals("format=cairn-ota-manifest/2\n"
                + "version=2.0.0\n"
                + "counter=5\n"
                + "payload=release.tar\n"
                + "payload-size=4\n"
                + "payload-sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
                + "created-at=2026-11-21T10:15:00Z\n"
                + "minimum-previous-version=1.0.0\n"
                + "rollback=no\n", Files.readString(bundle.manifest()));
        DetachedSignature signature = DetachedSignature.decode(Files.readAllBytes(bundle.signature()));
        assertEquals(KeyId.of(TestKeys.OPERATOR.getPublic()), signature.keyId());
        assertTrue(Ed25519.verify(TestKeys.OPERATOR.getPublic(), Files.readAllBytes(bundle.manifest()),
                signature.ed25519()));
    }

    @Test
    void halvesOfTwoDifferentKeyPairsAreRefused() {
        KeyPair mixed = new KeyPair(TestKeys.STRANGER.getPublic(), TestKeys.OPERATOR.getPrivate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BundleSigner(mixed));
        assertEquals("the private key and the public key are not one Ed25519 key pair", e.getMessage());
    }

    @Test
    void aMinimumPreviousVersionNewerThanTheBundleIsRefused() throws IOException {
        Path payload = Files.writeString(dir.resolve("release.tar"), "test", StandardCharsets.US_ASCII);
        BundleSigner signer = new BundleSigner(TestKeys.OPERATOR);
        assertThrows(IllegalArgumentException.class, () -> signer.sign(payload, new ReleaseTerms(new Version(1, 0, 0), 5, new Version(1, 0, 1), false), java.util.List.of(), Instant.EPOCH));
        assertTrue(Files.notExists(Bundle.besidePayload(payload).manifest()));
    }
}
