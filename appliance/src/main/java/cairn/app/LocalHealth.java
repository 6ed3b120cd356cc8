package cairn.app;

import cairn.capture.CameraCapture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Whether the box is healthy on its own, whatever the link does: every camera runs and delivered frames since the
 * last look, every camera's newest segment reached the spool recently, and every critical stage checks in (what feeds
 * the watchdog). What a release on trial must show before it commits ({@link TrialWatch}). Not thread-safe: one
 * caller, every few seconds.
 */
final class LocalHealth {
  /** One camera as seen now: running, frames captured so far, when its last segment was stored (-1: never). */
  record CameraSample(String camera, boolean running, long frames, long storedNanos) {}

  private final Supplier<List<CameraSample>> cameras;
  private final BooleanSupplier stagesHealthy;
  private final long segmentAgeNanos;
  private final Map<String, Long> framesSeen = new HashMap<>();

  /** @param longestSegmentS a segment may take twice this, and 5 s more, to reach the spool */
  LocalHealth(Supplier<List<CameraSample>> cameras, BooleanSupplier stagesHealthy, double longestSegmentS) {
    this.cameras = cameras;
    this.stagesHealthy = stagesHealthy;
    this.segmentAgeNanos = (long) ((2 * longestSegmentS + 5) * 1e9);
  }

  /** The appliance's cameras and their keepers. */
  static LocalHealth of(List<CameraRunner> runners, Map<String, SegmentKeeper> keepers, BooleanSupplier stagesHealthy,
      double longestSegmentS) {
    return new LocalHealth(() -> runners.stream().map(r -> {
      CameraCapture c = r.capture();
      return new CameraSample(c.camera(), c.status() == CameraCapture.Status.RUNNING, c.captured(),
          keepers.get(c.camera()).storedNanos());
    }).toList(), stagesHealthy, longestSegmentS);
  }

  /** Healthy at {@code now}; the first look at a camera is never healthy (frames must be seen to advance). */
  boolean healthy(long now) {
    List<CameraSample> all = cameras.get();
    boolean ok = stagesHealthy.getAsBoolean() && !all.isEmpty();
    for (CameraSample c : all) {
      Long before = framesSeen.put(c.camera(), c.frames());
      ok &= c.running() && before != null && c.frames() > before && c.storedNanos() >= 0
          && now - c.storedNanos() <= segmentAgeNanos;
    }
    return ok;
  }
}
