package cairn.spool;

import cairn.segment.SegmentInfo;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * Each camera's waiting segments by sequence: what {@link SendOrder} reads. The {@link Spool} is the real one;
 * {@code lab rate-sim} keeps one in memory so that its uplink model takes the same decisions.
 */
public interface SegmentIndex {
  /**
   * Runs {@code reader} over the cameras' indexes under the owner's lock; the maps are read-only views, valid only
   * inside the call.
   */
  <T> T read(Function<Map<String, NavigableMap<Long, SegmentInfo>>, T> reader);

  /** Bytes of every waiting segment. */
  long pendingBytes();
}
