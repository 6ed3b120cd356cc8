package cairn.lab;

/** A bad command line: the message is one sentence for the user; the lab exits with code 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
