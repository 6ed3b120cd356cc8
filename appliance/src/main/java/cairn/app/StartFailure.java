package cairn.app;

/**
 * Cairn cannot start, for a reason people can fix; the message is the one line they see and
 * {@link #exitCode} tells systemd and scripts which kind (README, "Exit codes").
 */
public final class StartFailure extends Exception {
  /** storage.dir is missing, not a folder, not writable, read-only or full. */
  public static final int STORAGE = 3;
  /** Another Cairn runs on the same storage.dir. */
  public static final int IN_USE = 4;

  private final int exitCode;

  StartFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
