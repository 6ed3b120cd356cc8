package cairn.supervise;

import cairn.base.Backoff;
import java.util.random.RandomGenerator;

/**
 * Doubling, capped pauses between restarts, each drawn from its upper half at random so that
 * stages failing together (a USB hub resetting two cameras) do not retry in lockstep. Not thread-safe.
 */
final class RestartDelay {
  private final Backoff backoff;
  private final RandomGenerator random;

  RestartDelay(StagePolicy policy, RandomGenerator random) {
    this.backoff = new Backoff(policy.firstDelay().toNanos(), policy.maxDelay().toNanos());
    this.random = random;
  }

  long nextNanos() {
    long d = backoff.nextDelayNanos();
    return d / 2 + (long) (random.nextDouble() * (d - d / 2));
  }

  void reset() {
    backoff.reset();
  }
}
