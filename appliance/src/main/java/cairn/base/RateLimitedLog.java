package cairn.base;

import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A warning that may recur every few seconds (a full disk, a failing write), logged at most once
 * per interval with the count of repeats kept quiet, so a fault that lasts does not flood the log.
 */
public final class RateLimitedLog {
  private final Logger log;
  private final long intervalNanos;
  private long lastNanos;
  private boolean logged;
  private int quiet;

  public RateLimitedLog(Logger log, long intervalSeconds) {
    this.log = log;
    this.intervalNanos = intervalSeconds * 1_000_000_000L;
  }

  public synchronized void warn(Supplier<String> message) {
    long now = System.nanoTime();
    if (logged && now - lastNanos < intervalNanos) {
      quiet++;
      return;
    }
    log.warning(message.get() + (quiet > 0 ? " (" + quiet + " more like it not logged)" : ""));
    logged = true;
    lastNanos = now;
    quiet = 0;
  }
}
