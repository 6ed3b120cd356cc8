package cairn.uplink;

import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.net.URI;

/**
 * One request of the uplink and, once it ended, its outcome: {@code result} null when no answer came ({@code error}
 * says why). Made on the dispatcher, carried out on a request thread, handed back through a queue.
 */
record UplinkRequest(Kind kind, URI target, String camera, SegmentInfo segment, boolean live, long inFlightId,
    long startNanos, byte[] body, PutResult result, IOException error) {

  /** PROBE: a HEAD asking whether a silent link is back; any answer says it is. */
  enum Kind { SEGMENT, LIVE_PLAYLIST, ARCHIVE_PLAYLIST, SNAPSHOT, PROBE }

  static UplinkRequest of(Kind kind, URI target, String camera, byte[] body, long now) {
    return new UplinkRequest(kind, target, camera, null, false, -1, now, body, null, null);
  }

  UplinkRequest withInFlightId(long id) {
    return new UplinkRequest(kind, target, camera, segment, live, id, startNanos, body, result, error);
  }

  UplinkRequest ended(PutResult r, IOException e) {
    return new UplinkRequest(kind, target, camera, segment, live, inFlightId, startNanos, body, r, e);
  }
}
