package cairn.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RestartDelayTest {
  private static final StagePolicy POLICY = StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(8));

  private static List<Long> millis(RestartDelay d, int n) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(d.nextNanos() / 1_000_000);
    }
    return out;
  }

  @Test
  void doublesUpToTheCapWithinTheUpperHalfOfEachStep() {
    assertEquals(List.of(500L, 1000L, 2000L, 4000L, 4000L), millis(new RestartDelay(POLICY, fixed(0.0)), 5));
    assertEquals(List.of(999L, 1999L, 3999L, 7999L, 7999L), millis(new RestartDelay(POLICY, fixed(0.9999)), 5));
  }

  @Test
  void resetStartsOverFromTheFirstDelay() {
    RestartDelay d = new RestartDelay(POLICY, fixed(0.0));
    millis(d, 4);
    d.reset();
    assertEquals(List.of(500L), millis(d, 1));
  }

  private static RandomGenerator fixed(double value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        return 0;
      }

      @Override
      public double nextDouble() {
        return value;
      }
    };
  }
}
