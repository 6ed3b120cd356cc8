package cairn.ota;

import static cairn.ota.ManifestTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleVerifierTest {
    private static final Installed INSTALLED = new Installed(new Version(1, 3, 0), 4);
    private static final Instant CREATED = Instant.parse("2026-11-21T10:15:00Z");

    @TempDir
    Path dir;

    private Path payload;
    private byte[] payloadBytes;
    private Bundle bundle;
    private final BundleVerifier verifier = new BundleVerifier(TestKeys.OPERATOR.getPublic());

    @BeforeEach
    void signARelease() throws IOException {
        payloadBytes = new byte[200_000];
        new Random(7).nextBytes(payloadBytes);
        payload = Files.write(dir.resolve("cairn-1.4.2.tar"), payloadBytes);
        bundle = new BundleSigner(TestKeys.OPERATOR).sign(payload, new ReleaseTerms(new Version(1, 4, 2), 5, new Version(1, 2, 0),
                false), java.util.List.of(), CREATED);
    }

    private BundleRefusedException refusal(Installed installed) {
        return assertThrows(BundleRefusedException.class, () -> verifier.verify(bundle, installed));
    }

    private BundleRefusedException refusal() {
        return refusal(INSTALLED);
    }

    private static void assertOneSentence(BundleRefusedException e) {
        String m = e.getMessage();
        assertTrue(Character.isUpperCase(m.charAt(0)) && m.endsWith("."), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void aGoodBundleIsAcceptedWithItsManifest() throws Exception {
        VerifiedBundle verified = verifier.verify(bundle, INSTALLED);
        assertEquals(new Version(1, 4, 2), verified.manifest().version());
        assertEquals(payloadBytes.length, verified.manifest().payloadSize());
        assertEquals(CREATED, verified.manifest().createdAt());
        assertEquals(payload, verified.payload());
        assertEquals(KeyId.of(TestKeys.OPERATOR.getPublic()), verified.signedBy());
    }

    @Test
    void theMinimumPreviousVersionItselfMayBeUpdated() throws Exception {
        assertEquals(new Version(1, 4, 2), verifier.verify(bundle, new Installed(new Version(1, 2, 0), 4)).manifest().version());
    }

    @Test
    void aBundleSignedWithAnotherKeyIsRefusedAsWrongKey() throws Exception {
        Bundle foreign = new BundleSigner(TestKeys.STRANGER).sign(payload, new ReleaseTerms(new Version(1, 4, 2), 5, new Version(1, 2, 0), false), java.util.List.of(), CREATED);
        BundleRefusedException e = assertThrows(BundleRefusedException.class,
                () -> verifier.verify(foreign, INSTALLED));
        assertEquals(RefusalCode.WRONG_KEY, e.code());
        assertContains("trusts only key " + KeyId.of(TestKeys.OPERATOR.getPublic()), e.getMessage());
        assertOneSentence(e);
    }

    @Test
    void anotherKeyClaimingTheTrustedKeyIdIsRefusedAsBadSignature() throws Exception {
        Path copy = Files.write(dir.resolve("evil.tar"), payloadBytes);
        Bundle strangers = new BundleSigner(TestKeys.STRANGER).sign(copy, new ReleaseTerms(new Version(9, 0, 0), 5, new Version(0, 0, 0), false), java.util.List.of(), CREATED);
        DetachedSignature strangersSignature = DetachedSignature.decode(Files.readAllBytes(strangers.signature()));
        Files.copy(strangers.manifest(), bundle.manifest(), StandardCopyOption.REPLACE_EXISTING);
        Files.write(bundle.signature(), new DetachedSignature(KeyId.of(TestKeys.OPERATOR.getPublic()),
                strangersSignature.ed25519()).encode());
        assertEquals(RefusalCode.BAD_SIGNATURE, refusal().code());
    }

    @Test
    void anAlteredManifestIsRefusedAsBadSignature() throws IOException {
        String manifest = Files.readString(bundle.manifest(), StandardCharsets.US_ASCII);
        Files.writeString(bundle.manifest(), manifest.replace("version=1.4.2", "version=1.4.3"),
                StandardCharsets.US_ASCII);
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.BAD_SIGNATURE, e.code());
        assertOneSentence(e);
    }

    @Test
    void aFlippedSignatureBitIsRefusedAsBadSignature() throws IOException {
        DetachedSignature good = DetachedSignature.decode(Files.readAllBytes(bundle.signature()));
        byte[] bits = good.ed25519();
        bits[10] ^= 0x01;
        Files.write(bundle.signature(), new DetachedSignature(good.keyId(), bits).encode());
        assertEquals(RefusalCode.BAD_SIGNATURE, refusal().code());
    }

    @Test
    void aMalformedSignatureFileIsRefused() throws IOException {
        Files.writeString(bundle.signature(), "-----BEGIN PGP SIGNATURE-----\n", StandardCharsets.US_ASCII);
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.MALFORMED_SIGNATURE, e.code());
        assertOneSentence(e);
    }

    @Test
    void aCorrectlySignedButMalformedManifestIsRefused() throws IOException {
        byte[] garbage = ManifestTest.TEXT.replace("version=1.4.2", "version=next")
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(bundle.manifest(), garbage);
        Files.write(bundle.signature(), new DetachedSignature(KeyId.of(TestKeys.OPERATOR.getPublic()),
                Ed25519.sign(TestKeys.OPERATOR.getPrivate(), garbage)).encode());
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.MALFORMED_MANIFEST, e.code());
        assertContains("'version' must look like 1.4.2", e.getMessage());
        assertOneSentence(e);
    }

    @Test
    void anOversizedManifestIsRefusedWithoutReadingItAll() throws IOException {
        Files.write(bundle.manifest(), new byte[10 * Manifest.MAX_BYTES]);
        assertEquals(RefusalCode.MALFORMED_MANIFEST, refusal().code());
    }

    @Test
    void anOlderVersionIsRefusedAsDowngrade() {
        BundleRefusedException e = refusal(new Installed(new Version(1, 5, 0), 4));
        assertEquals(RefusalCode.DOWNGRADE, e.code());
        assertEquals("Bundle version 1.4.2 is not newer than the installed version 1.5.0, and only a bundle"
                + " signed as a rollback may go back.", e.getMessage());
    }

    @Test
    void theSameVersionIsRefusedAsDowngrade() {
        assertEquals(RefusalCode.DOWNGRADE, refusal(new Installed(new Version(1, 4, 2), 4)).code());
    }

    @Test
    void anInstalledVersionBelowTheMinimumIsRefused() {
        BundleRefusedException e = refusal(new Installed(new Version(1, 1, 9), 4));
        assertEquals(RefusalCode.INSTALLED_TOO_OLD, e.code());
        assertEquals("Bundle version 1.4.2 can only replace version 1.2.0 or newer, but this device runs 1.1.9.",
                e.getMessage());
    }

    @Test
    void aTruncatedPayloadIsRefused() throws IOException {
        Files.write(payload, Arrays.copyOf(payloadBytes, 150_000));
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.TRUNCATED_PAYLOAD, e.code());
        assertContains("has 150000 bytes but the manifest promises 200000", e.getMessage());
        assertOneSentence(e);
    }

    @Test
    void aPayloadWithOneByteChangedIsRefusedAsTampered() throws IOException {
        payloadBytes[123_456] ^= 0x40;
        Files.write(payload, payloadBytes);
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.TAMPERED_PAYLOAD, e.code());
        assertContains("does not have the SHA-256 the manifest promises", e.getMessage());
    }

    @Test
    void aPayloadWithBytesAppendedIsRefusedAsTampered() throws IOException {
        Files.write(payload, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.TAMPERED_PAYLOAD, e.code());
        assertContains("more than the 200000", e.getMessage());
    }

    @Test
    void missingFilesAreRefusedAsUnreadable() throws IOException {
        Files.delete(payload);
        BundleRefusedException e = refusal();
        assertEquals(RefusalCode.UNREADABLE_FILE, e.code());
        assertEquals("The payload file " + payload + " does not exist.", e.getMessage());
        Files.delete(bundle.signature());
        assertEquals(RefusalCode.UNREADABLE_FILE, refusal().code());
    }

    @Test
    void onlyEd25519KeysCanBeTrusted() throws Exception {
        var ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> new BundleVerifier(ec.getPublic()));
    }
}
