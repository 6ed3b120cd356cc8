package cairn.spool;

import cairn.base.Durable;
import cairn.base.RateLimitedLog;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import java.io.IOException;
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
public final class Spool implements SegmentIndex {
  private static final Logger LOG = Logger.getLogger(Spool.class.getName());

  public record Stats(long bytes, int segments, long oldestStartWallMillis) {}

  private final Path root;
  private final long quotaBytes;
  private final long minFreeBytes;
  private final EventBus bus;
  private final Map<String, CameraSpool> cameras = new LinkedHashMap<>();
  private final List<String> recoveryReport = new ArrayList<>();
  private long totalBytes;
  private final RateLimitedLog overQuota = new RateLimitedLog(LOG, 60);
  /** Bytes allowed for a segment's JSON description, beside its exact MPEG-TS size. */
  static final long DESCRIPTION_BYTES = 4096;
  /**
   * Kept free on top of {@code min_free}, even at 0, for the box's small files (status, sequence
   * lease, MQTT outbox): a spool that fills the disk to the last byte breaks them.
   */
  static final long RESERVE_BYTES = 1L << 20;

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

  /**
   * Commits a finished segment durably and numbers it. Room is made first, by evicting the oldest
   * whole groups of pictures, so the write does not fail for want of space; if the disk fills anyway
   * ({@code ENOSPC} from another writer), one more group goes and the write is tried once more.
   *
   * @throws SpoolFull when the segment does not fit and nothing can be evicted; nothing was written
   * @throws IOException when the disk fails otherwise (read-only, I/O error); nothing was committed
   */
  public SegmentInfo store(ClosedSegment segment) throws IOException {
    byte[] ts = segment.toBytes();
    CameraSpool cam = camera(segment.draft().camera());
    boolean key = segment.draft().startsWithKey();
    makeRoom(cam, key, ts.length);
    try {
      return commit(cam, segment, ts);
    } catch (IOException e) {
      cam.discardIncoming();
      if (!NoSpace.is(e)) {
        throw e;
      }
      synchronized (this) {
        if (!evictOldest(cam, key, "disk")) {
          throw new SpoolFull("no space left on the disk and nothing to evict for " + cam.camera);
        }
      }
    }
    try {
      return commit(cam, segment, ts);
    } catch (IOException e) {
      cam.discardIncoming();
      throw NoSpace.is(e) ? new SpoolFull("no space left on the disk, even after evicting") : e;
    }
  }

  private SegmentInfo commit(CameraSpool cam, ClosedSegment segment, byte[] ts) throws IOException {
    Durable.writeSynced(cam.incomingTs(), ts);
    SegmentInfo info;
    synchronized (this) {
      info = segment.draft().committed(cam.lease.take(), ts.length, sha256(ts));
    }
    Durable.writeSynced(cam.incomingJson(), SegmentJson.write(info));
    Durable.rename(cam.incomingTs(), cam.ts(info.sequence()));
    Durable.rename(cam.incomingJson(), cam.json(info.sequence()));
    Durable.fsyncDir(cam.dir);
    synchronized (this) {
      cam.index.put(info.sequence(), info);
      totalBytes += ts.length;
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

  /**
   * Evicts the oldest groups until {@code bytes} more fit under the quota and above the disk floor.
   * Over the quota with only open groups left, the segment is stored anyway (the quota is a policy);
   * short of disk it cannot be, so that throws.
   */
  private synchronized void makeRoom(CameraSpool incoming, boolean startsGroup, long bytes) throws IOException {
    while (true) {
      boolean disk = diskRoom() < bytes + DESCRIPTION_BYTES;
      boolean quota = totalBytes + bytes > quotaBytes;
      if (!disk && !quota) {
        return;
      }
      if (!evictOldest(incoming, startsGroup, disk ? "disk" : "quota")) {
        if (disk) {
          throw new SpoolFull("the disk has " + Math.max(0, diskRoom()) + " bytes left above storage.min_free, "
              + bytes + " needed, and only the group being recorded to evict");
        }
        overQuota.warn(() -> "spool over its quota but only open groups of pictures are left");
        return;
      }
    }
  }

  /** Free disk above {@code min_free} and the room kept for the box's small files. */
  private long diskRoom() throws IOException {
    return freeBytes() - minFreeBytes - RESERVE_BYTES;
  }

  /**
   * Evicts the oldest group that no longer grows. A segment that starts a group closes its camera's
   * newest one, which may then go too.
   *
   * @return false if there was none
   */
  private boolean evictOldest(CameraSpool incoming, boolean startsGroup, String reason) throws IOException {
    CameraSpool victim = null;
    List<SegmentInfo> group = List.of();
    for (CameraSpool cs : cameras.values()) {
      List<SegmentInfo> g = cs.oldestClosedGroup(cs == incoming && startsGroup);
      if (!g.isEmpty() && (victim == null || g.get(0).startWallMillis() < group.get(0).startWallMillis())) {
        victim = cs;
        group = g;
      }
    }
    if (victim == null) {
      return false;
    }
    evict(victim, group, reason);
    return true;
  }

  /**
   * Whether {@code camera}'s group being recorded has outgrown what is left to the spool (free room
   * plus the groups that could be evicted): a key frame now starts a new group, so this one becomes
   * evictable before the disk runs out. Without it a long group (a still scene, 60 s between key
   * frames) could fill a small disk with nothing left to evict.
   */
  public synchronized boolean groupOutgrowsRoom(String camera) throws IOException {
    CameraSpool cs = cameras.get(camera);
    if (cs == null) {
      return false;
    }
    long evictable = 0;
    for (CameraSpool c : cameras.values()) {
      evictable += c.closedBytes();
    }
    long room = Math.min(diskRoom(), quotaBytes - totalBytes);
    return room + evictable < cs.newestGroupBytes();
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

  @Override
  public synchronized <T> T read(java.util.function.Function<Map<String, java.util.NavigableMap<Long, SegmentInfo>>, T> reader) {
    Map<String, java.util.NavigableMap<Long, SegmentInfo>> views = new LinkedHashMap<>();
    cameras.forEach((name, cs) -> views.put(name, java.util.Collections.unmodifiableNavigableMap(cs.index)));
    return reader.apply(views);
  }

  @Override
  public synchronized long pendingBytes() {
    return totalBytes;
  }

  /** Whether any segment of {@code camera} recorded in {@code [fromWallMillis, toWallMillis)} still waits. */
  public synchronized boolean waitsBetween(String camera, long fromWallMillis, long toWallMillis) {
    CameraSpool cs = cameras.get(camera);
    return cs != null && cs.index.values().stream()
        .anyMatch(s -> s.startWallMillis() >= fromWallMillis && s.startWallMillis() < toWallMillis);
  }

  /** Whether nothing waits. */
  public synchronized boolean isEmpty() {
    return cameras.values().stream().allMatch(cs -> cs.index.isEmpty());
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
}
