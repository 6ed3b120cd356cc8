package cairn.ota;

import java.util.Objects;

/** A bundle the device must not install: a stable {@link RefusalCode} and one sentence for people. */
public final class BundleRefusedException extends Exception {
    private final RefusalCode code;

    public BundleRefusedException(RefusalCode code, String sentence) {
        super(sentence);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RefusalCode code() {
        return code;
    }
}
