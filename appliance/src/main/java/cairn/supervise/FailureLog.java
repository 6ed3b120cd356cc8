package cairn.supervise;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One log line per distinct failure of a stage: the same reason again, restart after restart, is
 * not repeated until the stage has worked in between. Not thread-safe (the stage's lock guards it).
 */
final class FailureLog {
  private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());

  private final String stage;
  private String lastLogged = "";

  FailureLog(String stage) {
    this.stage = stage;
  }

  void failed(String reason, Throwable cause, long nextTryMillis) {
    if (reason.equals(lastLogged)) {
      LOG.fine(() -> stage + " failed again: " + reason);
      return;
    }
    lastLogged = reason;
    String line = stage + " failed: " + reason + "; restarting in " + nextTryMillis + " ms (repeats not logged)";
    // A programming error or an Error from native code deserves its stack; an I/O failure does not.
    boolean bug = cause != null && !(cause instanceof java.io.IOException);
    LOG.log(bug ? Level.SEVERE : Level.WARNING, line, bug ? cause : null);
  }

  void stuck(long silentMillis) {
    LOG.severe(stage + " made no progress for " + silentMillis + " ms; interrupting it");
  }

  void recovered() {
    if (!lastLogged.isEmpty()) {
      LOG.info(stage + " works again");
      lastLogged = "";
    }
  }

  static String reason(Throwable t) {
    String m = t.getMessage();
    String text = m == null || m.isBlank() ? t.getClass().getSimpleName()
        : t instanceof Error ? t.getClass().getSimpleName() + ": " + m : m;
    return text.replaceAll("\\s+", " ").strip();
  }
}
