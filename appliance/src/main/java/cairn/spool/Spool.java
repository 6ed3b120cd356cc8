package cairn.spool;

import cairn.base.Durable;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The local store of segments: the single source of truth until the server has them.
 *
 * <p>A segment is committed by writing it under a temporary name, flushing it, writing its JSON
 * description the same way, renaming both and flushing the folder; a power cut at any instant
 * leaves either the whole segment or nothing that {@link #open} keeps. The spool stays under its
 * byte quota and leaves {@code minFree} on the disk by deleting the oldest footage in whole groups
 * of pictures (so what remains always decodes), and says so with a {@code spool_evicted} event.
 *
 * <p>Threading: each camera commits from its own thread; index and eviction are under one lock.
 */
public final class Spool {
  private static final Logger LOG = Logger.getLogger(Spool.class.getName());

  public record Stats(long bytes, int segments, long oldestStartWallMillis) {}

  private final Path root;
  private final long quotaBytes;
  private final long minFreeBytes;
  private final EventBus bus;
  private final Map<String, CameraSpool> cameras = new LinkedHashMap<>();
  private final List<String> recoveryReport = new ArrayList<>();
  private long totalBytes;

  private Spool(Path root, long quotaBytes, long minFreeBytes, EventBus bus) {
    this.root = root;
    this.quotaBytes = quotaBytes;
    this.minFreeBytes = minFreeBytes;
    this.bus = bus;
  }

  /** Opens (creating if needed) the spool under {@code root} and recovers from any crash. */
  public static Spool open(Path root, long quotaBytes, long minFreeBytes, EventBus bus) throws IOException {
    Spool s = new Spool(root, quotaBytes, minFreeBytes, bus);
    Files.createDirectories(root);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        String cam = d.getFileName().toString();
        CameraSpool cs = CameraSpool.recover(cam, d, s.recoveryReport);
        s.cameras.put(cam, cs);
        s.totalBytes += cs.bytes();
      }
    }
    s.recoveryReport.forEach(LOG::info);
    return s;
  }

  /** What recovery removed at open, one line each; empty after a clean shutdown. */
  public List<String> recoveryReport() {
    return List.copyOf(recoveryReport);
  }

  /** Commits a finished segment durably and numbers it; evicts old footage if over the limits. */
  public SegmentInfo store(ClosedSegment segment) throws IOException {
    CameraSpool cam = camera(segment.draft().camera());
    Path tmpTs = cam.dir.resolve(".incoming.ts.tmp");
    Path tmpJson = cam.dir.resolve(".incoming.json.tmp");
    segment.writeTo(tmpTs);
    Durable.fsync(tmpTs);
    long size = Files.size(tmpTs);
    String hash = sha256(tmpTs);
    SegmentInfo info;
    synchronized (this) {
      info = segment.draft().committed(cam.lease.take(), size, hash);
    }
    Durable.writeSynced(tmpJson, SegmentJson.write(info));
    Durable.rename(tmpTs, cam.ts(info.sequence()));
    Durable.rename(tmpJson, cam.json(info.sequence()));
    Durable.fsyncDir(cam.dir);
    synchronized (this) {
      cam.index.put(info.sequence(), info);
      totalBytes += size;
      enforceLimits();
    }
    return info;
  }

  private synchronized CameraSpool camera(String name) throws IOException {
    CameraSpool cs = cameras.get(name);
    if (cs == null) {
      cs = CameraSpool.recover(name, root.resolve(name), recoveryReport);
      cameras.put(name, cs);
    }
    return cs;
  }

  private void enforceLimits() throws IOException {
    while (true) {
      String reason = totalBytes > quotaBytes ? "quota" : freeBytes() < minFreeBytes ? "disk" : null;
      if (reason == null) {
        return;
      }
      CameraSpool victim = null;
      List<SegmentInfo> group = List.of();
      for (CameraSpool cs : cameras.values()) {
        List<SegmentInfo> g = cs.oldestClosedGroup();
        if (!g.isEmpty() && (victim == null || g.get(0).startWallMillis() < group.get(0).startWallMillis())) {
          victim = cs;
          group = g;
        }
      }
      if (victim == null) {
        LOG.warning("spool over its " + reason + " limit but only open groups of pictures are left");
        return;
      }
      evict(victim, group, reason);
    }
  }

  private void evict(CameraSpool cs, List<SegmentInfo> group, String reason) throws IOException {
    long bytes = 0;
    for (SegmentInfo s : group) {
      Files.deleteIfExists(cs.json(s.sequence()));
      Files.deleteIfExists(cs.ts(s.sequence()));
      cs.index.remove(s.sequence());
      bytes += s.bytes();
    }
    Durable.fsyncDir(cs.dir);
    totalBytes -= bytes;
    SegmentInfo first = group.get(0);
    SegmentInfo last = group.get(group.size() - 1);
    LOG.warning(String.format("spool %s limit: evicted %s segments %d..%d (%d bytes)", reason, cs.camera,
        first.sequence(), last.sequence(), bytes));
    bus.publish(Event.of("spool_evicted", Instant.now(), "camera", cs.camera, "reason", reason,
        "from_seq", first.sequence(), "to_seq", last.sequence(), "segments", group.size(), "bytes", bytes,
        "from", Instant.ofEpochMilli(first.startWallMillis()).toString(),
        "to", Instant.ofEpochMilli(last.endWallMillis()).toString()));
  }

  /**
   * statvfs(3) on the folder itself: {@code Files.getFileStore} looks the folder's mount up in
   * /proc/self/mounts and fails ("Mount point not found") in a chroot or a container.
   */
  private long freeBytes() throws IOException {
    long free = root.toFile().getUsableSpace();
    if (free == 0 && !Files.isDirectory(root)) {
      throw new IOException(root + " is not a folder");
    }
    return free;
  }

  /**
   * Once the wall clock is known to be right, gives this boot's unsynchronised segments their true
   * wall times: {@code wall = monotonic + offset}, valid for every segment of the same boot.
   */
  public synchronized int correctWallClock(String bootId, long wallMinusMonoMillis) throws IOException {
    int corrected = 0;
    for (CameraSpool cs : cameras.values()) {
      for (SegmentInfo s : List.copyOf(cs.index.values())) {
        if (!s.wallClockSynced() && s.bootId().equals(bootId)) {
          SegmentInfo fixed = s.withWallClock(s.startMonoNanos() / 1_000_000 + wallMinusMonoMillis,
              s.endMonoNanos() / 1_000_000 + wallMinusMonoMillis);
          Durable.replace(cs.json(s.sequence()), SegmentJson.write(fixed));
          cs.index.put(s.sequence(), fixed);
          corrected++;
        }
      }
    }
    return corrected;
  }

  /** Every segment not yet confirmed by the server, camera by camera, each in sequence order. */
  public synchronized List<SegmentInfo> pending() {
    List<SegmentInfo> all = new ArrayList<>();
    for (CameraSpool cs : cameras.values()) {
      all.addAll(cs.index.values());
    }
    return all;
  }

  /**
   * Reads a segment and checks it against the hash recorded when it was committed. A segment that
   * no longer matches is moved aside to {@code damaged/}, reported, and never handed out.
   *
   * @return the bytes, or empty if the segment is gone (evicted meanwhile) or damaged
   */
  public java.util.Optional<byte[]> readVerified(SegmentInfo s) throws IOException {
    Path file;
    synchronized (this) {
      CameraSpool cs = cameras.get(s.camera());
      if (cs == null || !cs.index.containsKey(s.sequence())) {
        return java.util.Optional.empty();
      }
      file = cs.ts(s.sequence());
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      return java.util.Optional.empty();
    }
    String hash = sha256(bytes);
    if (bytes.length == s.bytes() && hash.equals(s.sha256())) {
      return java.util.Optional.of(bytes);
    }
    quarantine(s, bytes.length != s.bytes() ? "size " + bytes.length + " instead of " + s.bytes()
        : "content changed on disk (sha256 " + hash.substring(0, 12) + "…)");
    return java.util.Optional.empty();
  }

  private synchronized void quarantine(SegmentInfo s, String why) throws IOException {
    CameraSpool cs = cameras.get(s.camera());
    if (cs == null || cs.index.remove(s.sequence()) == null) {
      return;
    }
    Path aside = Files.createDirectories(cs.dir.resolve("damaged"));
    for (Path f : List.of(cs.ts(s.sequence()), cs.json(s.sequence()))) {
      if (Files.exists(f)) {
        Files.move(f, aside.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Durable.fsyncDir(cs.dir);
    totalBytes -= s.bytes();
    LOG.severe("segment " + s.camera() + "/" + CameraSpool.name(s.sequence()) + " is damaged (" + why
        + "); moved to " + aside + " and not uploaded");
    bus.publish(Event.of("error", Instant.now(), "code", "segment_damaged", "camera", s.camera(),
        "sequence", s.sequence(), "detail", why));
  }

  /** The server holds this segment whole: it leaves the spool. */
  public synchronized void delivered(SegmentInfo s) throws IOException {
    CameraSpool cs = cameras.get(s.camera());
    if (cs == null || cs.index.remove(s.sequence()) == null) {
      return;
    }
    Files.deleteIfExists(cs.json(s.sequence()));
    Files.deleteIfExists(cs.ts(s.sequence()));
    Durable.fsyncDir(cs.dir);
    totalBytes -= s.bytes();
  }

  public synchronized List<SegmentInfo> segments(String camera) {
    CameraSpool cs = cameras.get(camera);
    return cs == null ? List.of() : List.copyOf(cs.index.values());
  }

  public synchronized Path file(SegmentInfo s) {
    return root.resolve(s.camera()).resolve(CameraSpool.name(s.sequence()) + ".ts");
  }

  public synchronized Stats stats() {
    int n = 0;
    long oldest = Long.MAX_VALUE;
    for (CameraSpool cs : cameras.values()) {
      n += cs.index.size();
      if (!cs.index.isEmpty()) {
        oldest = Math.min(oldest, cs.index.firstEntry().getValue().startWallMillis());
      }
    }
    return new Stats(totalBytes, n, oldest == Long.MAX_VALUE ? 0 : oldest);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
