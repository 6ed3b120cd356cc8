package cairn.ota;

import java.nio.file.Path;

/** A bundle whose signature, manifest, versions and payload all checked out at the time of verification. */
public record VerifiedBundle(Manifest manifest, Path payload, KeyId signedBy) {}
