package cairn.spool;

import java.io.IOException;

/** Recognises ENOSPC in whatever form Java reports it (the JDK gives no code, only the C library's words). */
final class NoSpace {
  private NoSpace() {}

  static boolean is(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }
}
