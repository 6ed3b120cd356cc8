package cairn.supervise;

import java.time.Duration;

/**
 * How a stage is supervised.
 *
 * @param deadline longest silence between two check-ins before the stage counts as failed; zero for none
 * @param critical whether a stuck stage stops the watchdog's kicks (the service is then restarted)
 * @param firstDelay pause before the first restart; it doubles up to {@code maxDelay}, with jitter
 */
public record StagePolicy(Duration deadline, boolean critical, Duration firstDelay, Duration maxDelay) {
  public StagePolicy {
    if (deadline.isNegative() || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException("a stage needs a deadline >= 0 and 0 < first delay <= max delay, got "
          + deadline + ", " + firstDelay + ", " + maxDelay);
    }
  }

  public static StagePolicy critical(Duration deadline, Duration maxDelay) {
    return new StagePolicy(deadline, true, Duration.ofSeconds(1), maxDelay);
  }

  public static StagePolicy optional(Duration deadline, Duration maxDelay) {
    return new StagePolicy(deadline, false, Duration.ofSeconds(1), maxDelay);
  }
}
