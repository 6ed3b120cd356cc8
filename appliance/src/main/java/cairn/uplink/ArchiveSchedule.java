package cairn.uplink;

import java.util.HashMap;
import java.util.Map;

/**
 * When a day's archive playlist ({@code YYYY-MM-DD.m3u8}) is sent again. It is sent whole and
 * grows all day (with 0.5 s segments, to megabytes), so sending it after every segment costs the
 * square of the day's length: most of the bytes on the wire. It goes again once it has grown by a
 * quarter since it was last sent, and when its day is over (and at stop); its cost is then about
 * five times its final size a day. The price: late in the day it lags the live playlist by up to
 * a fifth of the day's segments (hours); split playlists (per hour) would remove both.
 * Keys are {@code camera/day}. One thread (the uplink's).
 */
final class ArchiveSchedule {
  static final int GROWTH_DIVISOR = 4;

  private final Map<String, Integer> sentEntries = new HashMap<>();
  private final Map<String, Integer> newEntries = new HashMap<>();

  /** A segment of that camera and day reached the server. */
  void added(String key) {
    newEntries.merge(key, 1, Integer::sum);
  }

  /** Whether the playlist should go now; {@code dayOver}: its day is past and nothing of it waits. */
  boolean due(String key, boolean dayOver) {
    int fresh = newEntries.getOrDefault(key, 0);
    return dayOver || !sentEntries.containsKey(key)
        || fresh > 0 && fresh >= Math.max(1, sentEntries.getOrDefault(key, 0) / GROWTH_DIVISOR);
  }

  /** It was sent. */
  void sent(String key) {
    sentEntries.merge(key, newEntries.getOrDefault(key, 0), Integer::sum);
    newEntries.remove(key);
  }
}
