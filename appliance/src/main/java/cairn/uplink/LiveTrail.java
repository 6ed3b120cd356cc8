package cairn.uplink;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One camera's live segments in flight, in sequence order, so that the live playlist gets them in that order even
 * when their answers come back out of it (several requests overlap): an answered one waits for those before it. A
 * failed one drops out (it goes with the backlog; the playlist marks the gap). One thread (the uplink's).
 */
final class LiveTrail {
  private final TreeMap<Long, PlaylistEntry> trail = new TreeMap<>();
  private static final PlaylistEntry WAITING = new PlaylistEntry(-1, 0, "", 0, false, false);

  void sent(long sequence) {
    trail.put(sequence, WAITING);
  }

  /** It reached the server; returns the entries now due in the playlist, in order. */
  List<PlaylistEntry> delivered(PlaylistEntry e) {
    trail.put(e.sequence(), e);
    return due();
  }

  /** It did not; returns the entries that no longer wait for it. */
  List<PlaylistEntry> failed(long sequence) {
    trail.remove(sequence);
    return due();
  }

  private List<PlaylistEntry> due() {
    List<PlaylistEntry> out = new ArrayList<>();
    while (!trail.isEmpty() && trail.firstEntry().getValue() != WAITING) {
      out.add(trail.pollFirstEntry().getValue());
    }
    return out;
  }
}
