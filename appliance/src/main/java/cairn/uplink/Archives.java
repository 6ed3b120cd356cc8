package cairn.uplink;

import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The day archive playlists: each delivered segment goes into its camera's and day's {@link ArchiveIndex}; a playlist
 * with new entries is due again as {@link ArchiveSchedule} says, and every one at stop. One thread (the uplink's).
 */
final class Archives {
  /** A playlist to PUT. */
  record Due(URI uri, byte[] text) {}

  private final Path stateDir;
  private final RemoteLayout layout;
  private final Spool spool;
  private final ArchiveSchedule schedule = new ArchiveSchedule();
  /** {@code camera/day} keys with entries the server's playlist lacks. */
  private final Set<String> dirty = new LinkedHashSet<>();

  Archives(Path stateDir, RemoteLayout layout, Spool spool) {
    this.stateDir = stateDir;
    this.layout = layout;
    this.spool = spool;
  }

  /** The server holds {@code s}: it is listed from now on. */
  void delivered(SegmentInfo s) throws IOException {
    String day = RemoteLayout.day(s.startWallMillis());
    index(s.camera(), day).append(PlaylistEntry.of(s));
    dirty.add(s.camera() + "/" + day);
    schedule.added(s.camera() + "/" + day);
  }

  /** The next playlist due (all of them with {@code force}), taken as sent; empty when none is. */
  Optional<Due> next(boolean force) throws IOException {
    for (String key : dirty) {
      String camera = key.substring(0, key.lastIndexOf('/'));
      String day = key.substring(key.lastIndexOf('/') + 1);
      boolean complete = day.compareTo(RemoteLayout.day(System.currentTimeMillis())) < 0 && !dayWaits(camera, day);
      if (force || schedule.due(key, complete)) {
        byte[] text = index(camera, day).render(complete).getBytes(StandardCharsets.UTF_8);
        schedule.sent(key);
        dirty.remove(key);
        return Optional.of(new Due(layout.archivePlaylist(camera, day), text));
      }
    }
    return Optional.empty();
  }

  /** Whether a segment of that camera and past UTC day still waits in the spool. */
  private boolean dayWaits(String camera, String day) {
    long from = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return spool.waitsBetween(camera, from, from + 86_400_000L);
  }

  private ArchiveIndex index(String camera, String day) {
    return new ArchiveIndex(stateDir.resolve(camera).resolve(day + ".tsv"));
  }
}
