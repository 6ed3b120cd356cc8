package cairn.supervise;

import cairn.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * One stage under supervision: runs each attempt on a fresh thread (a wedged one cannot be
 * reused), restarts after {@link RestartDelay}, and watches its check-ins. See {@link StageState}.
 * Thread-safe; the attempt's thread, the clock's thread and callers meet on this object's lock.
 */
final class SupervisedStage {
  private static final Logger LOG = Logger.getLogger(Supervisor.class.getName());
  /** An attempt that has run this long has earned a fresh back-off. */
  private static final long STABLE_NANOS = Duration.ofSeconds(10).toNanos();
  private static final long STUCK_PATIENCE_MILLIS = 1000;

  private final String name;
  private final Stage stage;
  private final StagePolicy policy;
  private final Clock clock;
  private final RestartDelay delay;
  private final FailureLog failures;
  private StageState state = StageState.STOPPED;
  private Thread thread;
  private long attemptStartNanos;
  private long lastProgressNanos;
  private boolean stopping;
  private long restarts;
  private String lastFailure = "";
  private Clock.Cancellable pendingRestart;

  SupervisedStage(String name, Stage stage, StagePolicy policy, Clock clock, RandomGenerator random) {
    this.name = name;
    this.stage = stage;
    this.policy = policy;
    this.clock = clock;
    this.delay = new RestartDelay(policy, random);
    this.failures = new FailureLog(name);
  }

  synchronized void start() {
    stopping = false;
    launch();
  }

  private void launch() {
    state = StageState.RUNNING;
    attemptStartNanos = clock.nanos();
    lastProgressNanos = attemptStartNanos;
    Thread t = new Thread(this::attempt, name);
    t.setDaemon(true);
    thread = t;
    t.start();
  }

  private void attempt() {
    Throwable failure = null;
    try {
      stage.run(this::progress);
    } catch (Throwable e) {
      failure = e;
    }
    ended(failure);
  }

  private synchronized void ended(Throwable failure) {
    thread = null;
    if (stopping) {
      setState(StageState.STOPPED);
      return;
    }
    if (failure == null && state != StageState.STUCK) {
      LOG.info(name + " ended");
      setState(StageState.ENDED);
      return;
    }
    String reason = failure == null ? "no progress for " + policy.deadline().toSeconds() + " s" : FailureLog.reason(failure);
    long pause = delay.nextNanos();
    failures.failed(reason, failure, pause / 1_000_000);
    lastFailure = reason;
    restarts++;
    setState(StageState.RESTARTING);
    pendingRestart = clock.schedule(Duration.ofNanos(pause), this::restart);
  }

  private synchronized void restart() {
    if (!stopping && state == StageState.RESTARTING) {
      launch();
    }
  }

  private synchronized void progress() {
    long now = clock.nanos();
    lastProgressNanos = now;
    if (state == StageState.STUCK) {
      // It swallowed the interrupt but works again: no reason to stop the watchdog any more.
      setState(StageState.RUNNING);
    }
    if (state == StageState.RUNNING && now - attemptStartNanos >= STABLE_NANOS) {
      delay.reset();
    }
    failures.recovered();
  }

  /** Marks a stage silent past its deadline as STUCK and interrupts it; the clock's thread calls this. */
  synchronized void check() {
    if (state == StageState.RUNNING && overdue(clock.nanos())) {
      failures.stuck(silentMillis());
      setState(StageState.STUCK);
      thread.interrupt();
    }
  }

  private boolean overdue(long now) {
    return !policy.deadline().isZero() && now - lastProgressNanos > policy.deadline().toNanos();
  }

  /**
   * Ends the stage: no more restarts, asks the attempt to stop ({@link Stage#stop}, which must not
   * block), waits up to {@code wait} for it.
   */
  void stop(Duration wait) {
    Thread t;
    Duration patience = wait;
    synchronized (this) {
      stopping = true;
      if (state == StageState.STUCK) {
        // It ignored an interrupt already; waiting long for it only delays the stop.
        patience = Duration.ofMillis(Math.min(wait.toMillis(), STUCK_PATIENCE_MILLIS));
      }
      if (pendingRestart != null) {
        pendingRestart.cancel();
      }
      t = thread;
      if (t == null) {
        setState(StageState.STOPPED);
        return;
      }
    }
    stage.stop(t);
    try {
      t.join(patience.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      LOG.warning(name + " did not stop within " + patience.toMillis() + " ms");
    }
  }

  /** Blocks until the stage is in {@code wanted} or {@code timeout} passes; for tests and shutdown. */
  synchronized boolean awaitState(StageState wanted, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (state != wanted) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private void setState(StageState s) {
    state = s;
    notifyAll();
  }

  private long silentMillis() {
    return (clock.nanos() - lastProgressNanos) / 1_000_000;
  }

  synchronized StageReport report() {
    StageState shown = state == StageState.RUNNING && overdue(clock.nanos()) ? StageState.STUCK : state;
    return new StageReport(name, shown, policy.critical(), restarts, lastFailure,
        state == StageState.RUNNING || state == StageState.STUCK ? silentMillis() : 0);
  }
}
