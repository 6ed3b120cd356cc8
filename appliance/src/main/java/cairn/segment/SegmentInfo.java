package cairn.segment;

/**
 * Everything known about one segment, stored beside it in the spool as JSON.
 *
 * <p>{@code sequence} is per camera and never repeats, across restarts and boots. Monotonic times
 * are comparable only within one {@code bootId} (the kernel's); wall times are trustworthy only when
 * {@code wallClockSynced} — a Pi has no real-time clock, so footage recorded before the clock is
 * set is corrected once it is. {@code startsWithKey} tells whether the segment decodes on its own;
 * otherwise it needs its predecessors back to the last one that does.
 */
public record SegmentInfo(
    String camera,
    String bootId,
    long sequence,
    long startMonoNanos,
    long endMonoNanos,
    long startWallMillis,
    long endWallMillis,
    boolean wallClockSynced,
    boolean startsWithKey,
    int frames,
    long bytes,
    String sha256,
    int width,
    int height,
    long firstPts90k,
    String codec) {

  public double durationSeconds() {
    return (endMonoNanos - startMonoNanos) / 1e9;
  }

  public SegmentInfo committed(long seq, long size, String hash) {
    return new SegmentInfo(camera, bootId, seq, startMonoNanos, endMonoNanos, startWallMillis, endWallMillis,
        wallClockSynced, startsWithKey, frames, size, hash, width, height, firstPts90k, codec);
  }

  public SegmentInfo withWallClock(long startWall, long endWall) {
    return new SegmentInfo(camera, bootId, sequence, startMonoNanos, endMonoNanos, startWall, endWall, true,
        startsWithKey, frames, bytes, sha256, width, height, firstPts90k, codec);
  }
}
