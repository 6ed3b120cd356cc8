package cairn.app;

import cairn.hardware.watchdog.Watchdog;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Tells systemd how the box is: {@code READY=1} once the stages are up, {@code WATCHDOG=1} only
 * while every critical stage checks in (so a stuck one gets the service restarted), and the
 * supervisor's one-line summary as {@code STATUS=} whenever it changes. Beats on its own daemon
 * thread, {@code watchdog}: systemd-notify may take a moment and must not hold up a stage.
 */
final class BoxWatchdog {
  private static final Logger LOG = Logger.getLogger(BoxWatchdog.class.getName());
  /** Without WATCHDOG_USEC there is nothing to kick, but STATUS= still follows the box. */
  private static final Duration STATUS_ONLY_PERIOD = Duration.ofSeconds(5);

  private final Watchdog watchdog;
  private final Optional<Duration> kickInterval;
  private final BooleanSupplier healthy;
  private final Supplier<String> summary;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "watchdog");
    t.setDaemon(true);
    return t;
  });
  private String lastStatus = "";
  private boolean kicking = true;

  BoxWatchdog(Watchdog watchdog, Optional<Duration> kickInterval, BooleanSupplier healthy, Supplier<String> summary) {
    this.watchdog = watchdog;
    this.kickInterval = kickInterval;
    this.healthy = healthy;
    this.summary = summary;
  }

  /** Says READY=1 and starts beating. */
  void ready() {
    thread.execute(() -> {
      beat();
      watchdog.ready();
      LOG.info("ready" + kickInterval.map(d -> ", kicking every " + d.toMillis() + " ms while every critical"
          + " stage checks in").orElse(", systemd's watchdog is off"));
    });
    long period = kickInterval.orElse(STATUS_ONLY_PERIOD).toNanos();
    thread.scheduleAtFixedRate(this::beat, period, period, TimeUnit.NANOSECONDS);
  }

  /** One beat: the status if it changed, and a kick if all is well. Package-private for tests. */
  void beat() {
    String status = summary.get();
    if (!status.equals(lastStatus)) {
      watchdog.status(status);
      lastStatus = status;
    }
    if (kickInterval.isEmpty()) {
      return;
    }
    boolean ok = healthy.getAsBoolean();
    if (ok) {
      watchdog.alive();
    }
    if (ok != kicking) {
      LOG.warning(ok ? "every critical stage checks in again; kicking again"
          : "not kicking any more (" + status + "); systemd will restart Cairn");
      kicking = ok;
    }
  }

  void stopping() {
    thread.shutdownNow();
    watchdog.stopping();
  }
}
