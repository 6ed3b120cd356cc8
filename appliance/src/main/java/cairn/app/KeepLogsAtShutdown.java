package cairn.app;

import java.util.logging.LogManager;

/**
 * The JDK resets logging in its own shutdown hook, which races Cairn's: the last lines of a clean
 * stop ("camera stopped", the final segment) would vanish. This manager ignores that reset.
 * Installed by {@link Main} before anything logs.
 */
public final class KeepLogsAtShutdown extends LogManager {
  @Override
  public void reset() {
    // Handlers stay open until the process exits; the OS flushes stderr.
  }
}
