package cairn.hardware.modem;

import java.time.Instant;

/** Inside a reader: ends one {@code read()} early; the reader turns it into a {@link ModemFailure}. */
final class ReadFailure extends Exception {
    private final ModemFailure.Reason reason;

    ReadFailure(ModemFailure.Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ModemFailure.Reason reason() {
        return reason;
    }

    ModemFailure toFailure(Instant at) {
        return new ModemFailure(reason, getMessage(), at);
    }
}
