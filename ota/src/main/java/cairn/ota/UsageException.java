package cairn.ota;

/** The command line is wrong; the message says what to change. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
