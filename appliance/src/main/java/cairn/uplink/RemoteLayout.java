package cairn.uplink;

import cairn.segment.SegmentInfo;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where things go on the server, under the base URL:
 * {@code DEVICE/CAMERA/NNNNNNNNNNNN.ts} (a stable name, so a repeat after a crash overwrites),
 * {@code DEVICE/CAMERA/live.m3u8}, {@code DEVICE/CAMERA/YYYY-MM-DD.m3u8} (UTC days), and
 * {@code DEVICE/CAMERA/snapshot.jpg}.
 */
public final class RemoteLayout {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
  private final String base;
  private final String device;

  public RemoteLayout(String baseUrl, String device) {
    this.base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
    this.device = device;
  }

  public static String segmentName(long sequence) {
    return String.format("%012d.ts", sequence);
  }

  public static String day(long wallMillis) {
    return DAY.format(Instant.ofEpochMilli(wallMillis));
  }

  public URI segment(SegmentInfo s) {
    return uri(s.camera(), segmentName(s.sequence()));
  }

  /** The camera's latest snapshot, replaced by the next. */
  public URI snapshot(String camera) {
    return uri(camera, "snapshot.jpg");
  }

  public URI livePlaylist(String camera) {
    return uri(camera, "live.m3u8");
  }

  public URI archivePlaylist(String camera, String day) {
    return uri(camera, day + ".m3u8");
  }

  private URI uri(String camera, String file) {
    return URI.create(base + device + "/" + camera + "/" + file);
  }
}
