package cairn.uplink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The segments of one camera and one UTC day that the server holds, one line each in a small file
 * (appended and flushed per delivery), from which the day's archive playlist is written in
 * capture order. Backfilled segments slot in where they belong; gaps and restarts become
 * discontinuities. A torn last line after a power cut is skipped. One thread.
 */
final class ArchiveIndex {
  private final Path file;

  ArchiveIndex(Path file) {
    this.file = file;
  }

  void append(PlaylistEntry e) throws IOException {
    Files.createDirectories(file.getParent());
    String line = String.format(Locale.ROOT, "%d\t%.3f\t%s\t%d\t%s%n", e.sequence(), e.durationS(), e.bootId(),
        e.startWallMillis(), e.key() ? "K" : "-");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
      ch.force(false);
    }
  }

  List<PlaylistEntry> entries() throws IOException {
    List<PlaylistEntry> list = new ArrayList<>();
    if (!Files.exists(file)) {
      return list;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      String[] f = line.split("\t");
      if (f.length != 5) {
        continue;
      }
      try {
        list.add(new PlaylistEntry(Long.parseLong(f[0]), Double.parseDouble(f[1]), f[2], Long.parseLong(f[3]),
            f[4].equals("K"), false));
      } catch (NumberFormatException torn) {
        // Written when the power went: the segment is still listed once it is sent again.
      }
    }
    list.sort(Comparator.comparingLong(PlaylistEntry::sequence));
    List<PlaylistEntry> out = new ArrayList<>(list.size());
    for (PlaylistEntry e : list) {
      PlaylistEntry prev = out.isEmpty() ? null : out.get(out.size() - 1);
      if (prev != null && prev.sequence() == e.sequence()) {
        continue; // sent twice (a retry after a crash): listed once
      }
      out.add(e.withDiscontinuity(prev != null && prev.breaksBefore(e)));
    }
    return out;
  }

  String render(boolean complete) throws IOException {
    return M3u8.render(entries(), 0, 0, complete);
  }
}
