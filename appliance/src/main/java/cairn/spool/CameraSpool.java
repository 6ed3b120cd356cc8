package cairn.spool;

import cairn.base.Durable;
import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * One camera's folder in the spool: {@code NNNNNNNNNNNN.ts} with its {@code .json} beside it.
 * A segment exists only when both do; {@link #recover} makes that true again after a power cut.
 * Guarded by the {@link Spool}'s lock, except the files of a commit in progress.
 */
final class CameraSpool {
  private static final Logger LOG = Logger.getLogger(CameraSpool.class.getName());

  final String camera;
  final Path dir;
  final TreeMap<Long, SegmentInfo> index = new TreeMap<>();
  final SequenceLease lease;

  private CameraSpool(String camera, Path dir, long nextAtLeast) throws IOException {
    this.camera = camera;
    this.dir = dir;
    this.lease = new SequenceLease(dir.resolve("sequence.lease"), nextAtLeast);
  }

  static String name(long seq) {
    return String.format("%012d", seq);
  }

  Path ts(long seq) {
    return dir.resolve(name(seq) + ".ts");
  }

  Path json(long seq) {
    return dir.resolve(name(seq) + ".json");
  }

  /** Opens a camera's folder, removing whatever a crash left half-done, and rebuilds the index. */
  static CameraSpool recover(String camera, Path dir, List<String> report) throws IOException {
    Files.createDirectories(dir);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    Map<Long, SegmentInfo> found = new TreeMap<>();
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (n.endsWith(".tmp")) {
        report.add("removed unfinished " + camera + "/" + n);
        Files.deleteIfExists(f);
      }
    }
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (!n.matches("[0-9]{12}\\.json")) {
        continue;
      }
      long seq = Long.parseLong(n.substring(0, 12));
      Path ts = dir.resolve(name(seq) + ".ts");
      SegmentInfo info = null;
      try {
        info = SegmentJson.read(f);
      } catch (IOException e) {
        report.add("removed " + camera + "/" + n + ": unreadable description (" + e.getMessage() + ")");
      }
      if (info != null && !Files.exists(ts)) {
        report.add("removed " + camera + "/" + n + ": its segment is missing");
        info = null;
      } else if (info != null && (Files.size(ts) != info.bytes() || info.sequence() != seq)) {
        report.add("removed " + camera + "/" + name(seq) + ".ts: damaged (" + Files.size(ts) + " bytes, expected "
            + info.bytes() + ")");
        info = null;
      }
      if (info == null) {
        Files.deleteIfExists(f);
        Files.deleteIfExists(ts);
      } else {
        found.put(seq, info);
      }
    }
    for (Path f : files) {
      String n = f.getFileName().toString();
      if (n.matches("[0-9]{12}\\.ts") && !found.containsKey(Long.parseLong(n.substring(0, 12)))
          && Files.exists(f)) {
        report.add("removed " + camera + "/" + n + ": written when the power went (no description)");
        Files.delete(f);
      }
    }
    Durable.fsyncDir(dir);
    long next = found.isEmpty() ? 0 : ((TreeMap<Long, SegmentInfo>) found).lastKey() + 1;
    CameraSpool cs = new CameraSpool(camera, dir, next);
    cs.index.putAll(found);
    LOG.fine(() -> camera + ": " + found.size() + " segments recovered");
    return cs;
  }

  long bytes() {
    return index.values().stream().mapToLong(SegmentInfo::bytes).sum();
  }

  /** Where a segment is written before its commit renames it; {@link #recover} removes leftovers. */
  Path incomingTs() {
    return dir.resolve(".incoming.ts.tmp");
  }

  Path incomingJson() {
    return dir.resolve(".incoming.json.tmp");
  }

  /** Removes what a failed commit left, so a full disk is not made fuller by it. */
  void discardIncoming() {
    Durable.deleteQuietly(incomingTs());
    Durable.deleteQuietly(incomingJson());
  }

  /**
   * The oldest group of pictures (a segment that starts with a key frame and the ones that depend on
   * it), unless it is the newest group, which the encoder is still adding to; with {@code newestToo}
   * (a new group is about to start) that one as well.
   */
  List<SegmentInfo> oldestClosedGroup(boolean newestToo) {
    List<SegmentInfo> group = new ArrayList<>();
    for (SegmentInfo s : index.values()) {
      if (!group.isEmpty() && s.startsWithKey()) {
        return group;
      }
      group.add(s);
    }
    return newestToo ? group : List.of();
  }

  /** Bytes of every group but the newest: what could be evicted now. */
  long closedBytes() {
    return bytes() - newestGroupBytes();
  }

  /** Bytes of the newest group, the one still being recorded. */
  long newestGroupBytes() {
    long bytes = 0;
    for (SegmentInfo s : index.descendingMap().values()) {
      bytes += s.bytes();
      if (s.startsWithKey()) {
        break;
      }
    }
    return bytes;
  }
}
