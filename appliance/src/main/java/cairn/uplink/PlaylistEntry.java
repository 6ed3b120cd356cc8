package cairn.uplink;

import cairn.segment.SegmentInfo;

/** One segment as a playlist lists it. */
public record PlaylistEntry(long sequence, double durationS, String bootId, long startWallMillis, boolean key,
    boolean discontinuity) {

  static PlaylistEntry of(SegmentInfo s) {
    return new PlaylistEntry(s.sequence(), Math.max(0.001, s.durationSeconds()), s.bootId(), s.startWallMillis(),
        s.startsWithKey(), false);
  }

  PlaylistEntry withDiscontinuity(boolean d) {
    return new PlaylistEntry(sequence, durationS, bootId, startWallMillis, key, d);
  }

  /** Whether {@code next} cannot simply continue this one: a gap, or a restart with a new clock. */
  boolean breaksBefore(PlaylistEntry next) {
    return next.sequence != sequence + 1 || !next.bootId.equals(bootId);
  }
}
