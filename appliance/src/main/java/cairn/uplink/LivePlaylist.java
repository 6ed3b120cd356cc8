package cairn.uplink;

import cairn.base.Durable;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One camera's live playlist: the last {@code window} segments sent live, reaching back further if
 * needed so that it always starts at a segment that starts with a key frame (key frames are far
 * apart on a still scene; a player starting mid-group would have nothing to show), and telling
 * players to start there ({@code EXT-X-START}). A segment that does not continue the one before
 * (an outage skipped some, the box restarted) is marked as a discontinuity. Media and discontinuity sequence numbers only grow, across restarts too (the
 * state is kept in a small file), so players reloading the playlist never go back. One thread.
 */
final class LivePlaylist {
  /** What is kept on disk between runs. */
  record State(long mediaSequence, long discontinuitySequence, List<PlaylistEntry> entries) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  /** However far back the last key frame is, the playlist lists no more than this. */
  static final int MAX_ENTRIES = 100;

  private final Path stateFile;
  private final int window;
  private final ArrayDeque<PlaylistEntry> entries = new ArrayDeque<>();
  private long mediaSequence;
  private long discontinuitySequence;

  LivePlaylist(Path stateFile, int window) throws IOException {
    this.stateFile = stateFile;
    this.window = window;
    if (Files.exists(stateFile)) {
      try {
        State s = JSON.readValue(stateFile.toFile(), State.class);
        mediaSequence = s.mediaSequence();
        discontinuitySequence = s.discontinuitySequence();
        entries.addAll(s.entries());
      } catch (IOException e) {
        // A damaged state file: start a new window after a discontinuity rather than refuse to run.
        discontinuitySequence = 1;
      }
    }
  }

  /** The last segment sent live, if any. */
  PlaylistEntry last() {
    return entries.peekLast();
  }

  void add(PlaylistEntry e) throws IOException {
    PlaylistEntry last = entries.peekLast();
    entries.addLast(e.withDiscontinuity(last != null && last.breaksBefore(e)));
    while (entries.size() > MAX_ENTRIES || entries.size() > window && keyAfterTopLeaves(window)) {
      entries.removeFirst();
      mediaSequence++;
      // The discontinuity now at the top is implied by the sequence number and no longer written.
      if (entries.peekFirst().discontinuity()) {
        discontinuitySequence++;
      }
    }
    Durable.replace(stateFile, JSON.writeValueAsBytes(new State(mediaSequence, discontinuitySequence,
        new ArrayList<>(entries))));
  }

  /** Whether a key segment after the top one still has at least {@code n} segments from it on. */
  private boolean keyAfterTopLeaves(int n) {
    int i = 0;
    for (PlaylistEntry e : entries) {
      if (i > 0 && e.key()) {
        return entries.size() - i >= n || !entries.peekFirst().key();
      }
      i++;
    }
    return false;
  }

  String render() {
    return M3u8.render(new ArrayList<>(entries), mediaSequence, discontinuitySequence, false);
  }
}
