package cairn.ota;

import java.util.Objects;

/**
 * What the maintainer decides when signing: the version, the bundle counter (one more than the last bundle
 * signed with this key), the oldest version it may replace, and whether it may replace a newer version
 * (a rollback the operator asked for).
 */
public record ReleaseTerms(Version version, long counter, Version minimumPrevious, boolean rollback) {
    public ReleaseTerms {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(minimumPrevious, "minimumPrevious");
        if (counter < 1) {
            throw new IllegalArgumentException("the counter must be a whole number from 1, got " + counter);
        }
    }
}
