package cairn.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.app.LocalHealth.CameraSample;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LocalHealthTest {
  private static final long S = 1_000_000_000L;
  private final List<CameraSample> cameras = new ArrayList<>();
  private final AtomicBoolean stages = new AtomicBoolean(true);
  private final LocalHealth health = new LocalHealth(() -> List.copyOf(cameras), stages::get, 2);

  private void see(long frames1, long stored1, long frames2, long stored2) {
    cameras.clear();
    cameras.add(new CameraSample("cam1", true, frames1, stored1));
    cameras.add(new CameraSample("cam2", true, frames2, stored2));
  }

  @Test
  void healthyOnlyWhenEveryCameraAdvancesAndStoresAndEveryStageChecksIn() {
    see(10, 0, 10, 0);
    assertFalse(health.healthy(1 * S), "the first look has nothing to compare the frames with");
    see(20, 5 * S, 20, 5 * S);
    assertTrue(health.healthy(6 * S));
    see(30, 5 * S, 20, 5 * S);
    assertFalse(health.healthy(7 * S), "cam2 delivered no frame since the last look");
    see(40, 5 * S, 30, 5 * S);
    assertTrue(health.healthy(14 * S), "a segment 9 s old: within 2 x 2 s + 5 s");
    see(50, 5 * S, 40, 5 * S);
    assertFalse(health.healthy(15 * S), "10 s without a segment reaching the spool");
    see(60, 15 * S, 50, 15 * S);
    stages.set(false);
    assertFalse(health.healthy(16 * S), "a critical stage stopped checking in (the watchdog would not be fed)");
  }

  @Test
  void aCameraThatIsNotRunningOrNeverStoredOrNoCameraAtAllIsNotHealthy() {
    LocalHealth none = new LocalHealth(List::of, () -> true, 2);
    assertFalse(none.healthy(S));
    assertFalse(none.healthy(2 * S));
    cameras.add(new CameraSample("cam1", true, 1, -1));
    health.healthy(S);
    cameras.set(0, new CameraSample("cam1", true, 2, -1));
    assertFalse(health.healthy(2 * S), "nothing ever stored");
    cameras.set(0, new CameraSample("cam1", false, 3, 2 * S));
    assertFalse(health.healthy(3 * S), "camera reconnecting");
  }
}
