package cairn.ota;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Operator side: writes the manifest and its Ed25519 signature next to a payload.
 *
 * <p>Needs the public half too, to name the key in the signature file; the constructor checks that both halves
 * belong together. Immutable and thread-safe.
 */
public final class BundleSigner {
    private static final byte[] PAIR_PROBE = "cairn key pair check".getBytes(StandardCharsets.US_ASCII);

    private final KeyPair keys;
    private final KeyId keyId;

    public BundleSigner(KeyPair keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
        if (!Ed25519.verify(keys.getPublic(), PAIR_PROBE, Ed25519.sign(keys.getPrivate(), PAIR_PROBE))) {
            throw new IllegalArgumentException("the private key and the public key are not one Ed25519 key pair");
        }
        this.keyId = KeyId.of(keys.getPublic());
    }

    /** Signs {@code payload} under {@code terms}; {@code files} lists a release's files (empty for other bundles). */
    public Bundle sign(Path payload, ReleaseTerms terms, List<ReleaseFile> files, Instant createdAt)
            throws IOException {
        PayloadDigest digest = PayloadDigest.of(payload);
        Manifest manifest = new Manifest(terms.version(), terms.counter(), payload.getFileName().toString(),
                digest.size(), digest.sha256(), createdAt, terms.minimumPrevious(), terms.rollback(), files);
        byte[] manifestBytes = manifest.encode();
        DetachedSignature signature = new DetachedSignature(keyId, Ed25519.sign(keys.getPrivate(), manifestBytes));
        Bundle bundle = Bundle.besidePayload(payload);
        Files.write(bundle.manifest(), manifestBytes);
        Files.write(bundle.signature(), signature.encode());
        return bundle;
    }

    public KeyId keyId() {
        return keyId;
    }
}
