package cairn.time;

import java.time.Duration;
import java.time.Instant;

/**
 * Monotonic time, wall time and a timer in one injectable object, so that restarts, deadlines and
 * LED blinking are tested by advancing a {@link FakeClock} instead of sleeping.
 *
 * <p>Threading: {@link #schedule} runs tasks on the clock's own thread ({@link SystemClock}) or on
 * the thread that advances a fake; tasks must be short and must not block.
 */
public interface Clock extends Ticker {
  Instant now();

  /** Runs {@code task} once after {@code delay}; a task that throws is logged and forgotten. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that may still be called off. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
