package cairn.ota.device;

import cairn.ota.Ed25519;
import cairn.ota.DetachedSignature;
import cairn.ota.Manifest;
import cairn.ota.PayloadDigest;
import cairn.ota.ReleaseFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;

/**
 * Re-checks an installed release folder against its own signed manifest: the signature under the trusted key,
 * then every listed file's size and SHA-256. Reads everything: for tests and for an operator's look, not for
 * every start.
 */
public final class ReleaseCheck {
    private ReleaseCheck() {}

    /** Empty when the folder is complete and intact; otherwise the first thing that is wrong. */
    public static Optional<String> problem(Path release, PublicKey trusted) throws IOException {
        Path manifestFile = release.resolve(DeviceLayout.MANIFEST);
        Path signatureFile = release.resolve(DeviceLayout.MANIFEST + ".sig");
        if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(signatureFile)) {
            return Optional.of(release + " has no signed manifest");
        }
        byte[] manifestBytes = Files.readAllBytes(manifestFile);
        DetachedSignature signature;
        Manifest manifest;
        try {
            signature = DetachedSignature.decode(Files.readAllBytes(signatureFile));
            if (!Ed25519.verify(trusted, manifestBytes, signature.ed25519())) {
                return Optional.of(release + ": the manifest's signature does not verify");
            }
            manifest = Manifest.decode(manifestBytes);
        } catch (IllegalArgumentException e) {
            return Optional.of(release + ": " + e.getMessage());
        }
        for (ReleaseFile f : manifest.files()) {
            Path file = release.resolve(f.path());
            if (!Files.isRegularFile(file)) {
                return Optional.of(release + " lacks " + f.path());
            }
            PayloadDigest d = PayloadDigest.of(file);
            if (d.size() != f.size() || !d.sha256().equals(f.sha256())) {
                return Optional.of(release + ": " + f.path() + " differs from the manifest");
            }
        }
        return Optional.empty();
    }
}
