package cairn.ota;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.util.Objects;

/**
 * Device side: decides whether a bundle may be installed over the running version, or says why not.
 *
 * <p>Checks in this order, so nothing unauthenticated is parsed beyond the small signature file: signature file
 * format, signing key, Ed25519 signature over the manifest bytes, manifest format, versions, payload size, payload
 * SHA-256. The payload is read once; the caller must install from the same file and keep others from writing
 * to it in between. Immutable and thread-safe.
 */
public final class BundleVerifier {
    private final PublicKey trusted;
    private final KeyId trustedId;

    public BundleVerifier(PublicKey trusted) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        if (!(trusted instanceof EdECKey edec) || !edec.getParams().getName().equals(PemKeys.ALGORITHM)) {
            throw new IllegalArgumentException("the trusted key must be an Ed25519 public key, got "
                    + trusted.getAlgorithm());
        }
        this.trustedId = KeyId.of(trusted);
    }

    /** Every check, the payload's included. */
    public VerifiedBundle verify(Bundle bundle, Installed installed) throws BundleRefusedException {
        Manifest manifest = verifyManifest(bundle, installed);
        checkPayload(bundle.payload(), manifest);
        return new VerifiedBundle(manifest, bundle.payload(), trustedId);
    }

    /**
     * The checks that need only the small files: signature, manifest, counter and versions. A device runs them
     * before it spends a byte on the payload, and again with {@link #verify} once the payload is there.
     */
    public Manifest verifyManifest(Bundle bundle, Installed installed) throws BundleRefusedException {
        Objects.requireNonNull(installed, "installed");
        DetachedSignature signature = readSignature(bundle.signature());
        if (!signature.keyId().equals(trustedId)) {
            throw new BundleRefusedException(RefusalCode.WRONG_KEY, "The bundle was signed with key "
                    + signature.keyId() + ", but this device trusts only key " + trustedId + ".");
        }
        byte[] manifestBytes = readCapped(bundle.manifest(), "manifest", Manifest.MAX_BYTES,
                RefusalCode.MALFORMED_MANIFEST);
        if (!Ed25519.verify(trusted, manifestBytes, signature.ed25519())) {
            throw new BundleRefusedException(RefusalCode.BAD_SIGNATURE, "The signature does not match the manifest "
                    + bundle.manifest() + ", so the manifest or its signature was altered.");
        }
        Manifest manifest;
        try {
            manifest = Manifest.decode(manifestBytes);
        } catch (IllegalArgumentException e) {
            throw new BundleRefusedException(RefusalCode.MALFORMED_MANIFEST, "The manifest " + bundle.manifest()
                    + " is correctly signed but malformed: " + e.getMessage() + ".");
        }
        checkVersions(manifest, installed);
        return manifest;
    }

    private DetachedSignature readSignature(Path file) throws BundleRefusedException {
        byte[] bytes = readCapped(file, "signature", DetachedSignature.MAX_BYTES, RefusalCode.MALFORMED_SIGNATURE);
        try {
            return DetachedSignature.decode(bytes);
        } catch (IllegalArgumentException e) {
            throw new BundleRefusedException(RefusalCode.MALFORMED_SIGNATURE, "The signature file " + file
                    + " is malformed: " + e.getMessage() + ".");
        }
    }

    private static void checkVersions(Manifest manifest, Installed device) throws BundleRefusedException {
        Version installed = device.version();
        if (manifest.counter() <= device.counter()) {
            throw new BundleRefusedException(RefusalCode.REPLAY, "Bundle counter " + manifest.counter()
                    + " is not above " + device.counter() + ", the highest this device has accepted, so it is an"
                    + " old or replayed bundle.");
        }
        if (!manifest.version().isNewerThan(installed) && !manifest.rollback()) {
            throw new BundleRefusedException(RefusalCode.DOWNGRADE, "Bundle version " + manifest.version()
                    + " is not newer than the installed version " + installed
                    + ", and only a bundle signed as a rollback may go back.");
        }
        if (manifest.minimumPreviousVersion().isNewerThan(installed)) {
            throw new BundleRefusedException(RefusalCode.INSTALLED_TOO_OLD, "Bundle version " + manifest.version()
                    + " can only replace version " + manifest.minimumPreviousVersion()
                    + " or newer, but this device runs " + installed + ".");
        }
    }

    static void checkPayload(Path payload, Manifest manifest) throws BundleRefusedException {
        PayloadDigest digest;
        try {
            checkSize(payload, Files.size(payload), manifest);
            digest = PayloadDigest.of(payload);
        } catch (IOException e) {
            throw unreadable(payload, "payload", e);
        }
        checkSize(payload, digest.size(), manifest);
        if (!digest.sha256().equals(manifest.payloadSha256())) {
            throw new BundleRefusedException(RefusalCode.TAMPERED_PAYLOAD, "The payload " + payload
                    + " does not have the SHA-256 the manifest promises, so it was altered or damaged.");
        }
    }

    /** Called before hashing, to refuse early, and after, in case the file changed while it was read. */
    private static void checkSize(Path payload, long size, Manifest manifest) throws BundleRefusedException {
        if (size < manifest.payloadSize()) {
            throw new BundleRefusedException(RefusalCode.TRUNCATED_PAYLOAD, "The payload " + payload + " has "
                    + size + " bytes but the manifest promises " + manifest.payloadSize()
                    + ", so the download is incomplete.");
        }
        if (size > manifest.payloadSize()) {
            throw new BundleRefusedException(RefusalCode.TAMPERED_PAYLOAD, "The payload " + payload + " has "
                    + size + " bytes, more than the " + manifest.payloadSize() + " the manifest promises.");
        }
    }

    private static byte[] readCapped(Path file, String what, int maxBytes, RefusalCode tooLarge)
            throws BundleRefusedException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw unreadable(file, what, e);
        }
        if (bytes.length > maxBytes) {
            throw new BundleRefusedException(tooLarge, "The " + what + " file " + file + " is larger than the "
                    + maxBytes + " bytes it may have.");
        }
        return bytes;
    }

    private static BundleRefusedException unreadable(Path file, String what, IOException e) {
        String sentence = e instanceof NoSuchFileException
                ? "The " + what + " file " + file + " does not exist."
                : "Cannot read the " + what + " file " + file + ": " + e.getMessage() + ".";
        return new BundleRefusedException(RefusalCode.UNREADABLE_FILE, sentence);
    }
}
