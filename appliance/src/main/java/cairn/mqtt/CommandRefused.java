package cairn.mqtt;

/** A command that cannot run; the message is the one sentence that goes into the reply's {@code error}. */
public final class CommandRefused extends Exception {
  public CommandRefused(String sentence) {
    super(sentence);
  }
}
