package cairn.uplink;

import cairn.spool.Durable;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One camera's live playlist: the last {@code window} segments sent live. A segment that does not
 * continue the one before (an outage skipped some, the box restarted) is marked as a
 * discontinuity. Media and discontinuity sequence numbers only grow, across restarts too (the
 * state is kept in a small file), so players reloading the playlist never go back. One thread.
 */
final class LivePlaylist {
  /** What is kept on disk between runs. */
  record State(long mediaSequence, long discontinuitySequence, List<PlaylistEntry> entries) {}

  private static final ObjectMapper JSON = new ObjectMapper();

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
    boolean breaks = last != null && last.breaksBefore(e);
    entries.addLast(new PlaylistEntry(e.sequence(), e.durationS(), e.bootId(), e.startWallMillis(), breaks));
    while (entries.size() > window) {
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

  String render() {
    return M3u8.render(new ArrayList<>(entries), mediaSequence, discontinuitySequence, false);
  }
}
