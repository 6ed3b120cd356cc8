package cairn.uplink;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes HLS media playlists (RFC 8216, version 3) of MPEG-TS segments. */
final class M3u8 {
  private M3u8() {}

  static String render(List<PlaylistEntry> entries, long mediaSequence, long discontinuitySequence, boolean ended) {
    double longest = entries.stream().mapToDouble(PlaylistEntry::durationS).max().orElse(1);
    StringBuilder sb = new StringBuilder(64 + entries.size() * 64)
        .append("#EXTM3U\n#EXT-X-VERSION:3\n")
        .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(longest)).append('\n')
        .append("#EXT-X-MEDIA-SEQUENCE:").append(mediaSequence).append('\n');
    if (!ended) {
      // Start where the first picture decodes on its own, not at the live edge.
      sb.append("#EXT-X-START:TIME-OFFSET=0.0,PRECISE=YES\n");
    }
    if (discontinuitySequence > 0) {
      sb.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
    }
    boolean first = true;
    for (PlaylistEntry e : entries) {
      if (e.discontinuity() && !first) {
        sb.append("#EXT-X-DISCONTINUITY\n");
      }
      if (first || e.discontinuity()) {
        sb.append("#EXT-X-PROGRAM-DATE-TIME:").append(Instant.ofEpochMilli(e.startWallMillis())).append('\n');
      }
      sb.append(String.format(Locale.ROOT, "#EXTINF:%.3f,%n", e.durationS()))
          .append(RemoteLayout.segmentName(e.sequence())).append('\n');
      first = false;
    }
    if (ended) {
      sb.append("#EXT-X-ENDLIST\n");
    }
    return sb.toString();
  }
}
