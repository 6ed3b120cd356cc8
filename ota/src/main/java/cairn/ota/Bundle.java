package cairn.ota;

import java.nio.file.Path;
import java.util.Objects;

/** Where the three files of an update bundle are: the payload, its manifest, and the manifest's signature. */
public record Bundle(Path payload, Path manifest, Path signature) {
    public Bundle {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(signature, "signature");
    }

    /** The usual layout: {@code X}, {@code X.manifest} and {@code X.manifest.sig} in one folder. */
    public static Bundle besidePayload(Path payload) {
        Path manifest = payload.resolveSibling(payload.getFileName() + ".manifest");
        return new Bundle(payload, manifest, manifest.resolveSibling(manifest.getFileName() + ".sig"));
    }
}
