package cairn.hardware.modem;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a reader has no sample this time: a stable {@link Reason#code()} for MQTT health and events, and one
 * sentence for people (it names the device and what it did, e.g. {@code the router at http://192.168.8.1 did not
 * answer /api/device/signal within 3 s}).
 */
public record ModemFailure(Reason reason, String message, Instant at) implements ModemResult {
    public enum Reason {
        /** {@code link.modem = none}: there is no modem to ask. Not an error. */
        NO_MODEM("modem_none"),
        /** Nothing answers: connection refused, no such serial port, mmcli missing or seeing no modem. */
        UNREACHABLE("modem_unreachable"),
        /** The device or program did not finish answering within the reader's timeout. */
        TIMEOUT("modem_timeout"),
        /** Something answered, but not in the device's protocol (HTML instead of XML, binary noise, bad JSON). */
        GARBAGE("modem_garbage"),
        /** The device answered with an error of its own (HiLink error code, AT ERROR, mmcli failed). */
        DEVICE_ERROR("modem_error"),
        /** The router refused the session token even after a fresh handshake, or wants a login. */
        SESSION("modem_session"),
        /** The reading thread was interrupted; the interrupt flag is set again. */
        INTERRUPTED("modem_interrupted");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public ModemFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return reason.code() + ": " + message;
    }
}
