package cairn.spool;

import cairn.base.Durable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What {@code storage.dir} must offer before anything starts: a folder (created if only it is
 * missing), writable by this user on a writable file system, with room for at least one segment.
 * Each problem is one {@link StorageUnusable} line; nothing is half-started when it is thrown.
 */
public final class StorageCheck {
  static final String DIR_KEY = "storage.dir";
  static final String MIN_FREE_KEY = "storage.min_free";
  /** A min_free above this share of the whole disk could never leave room to record. */
  static final double MIN_FREE_MOST = 0.5;
  /** What such a min_free is corrected to: a share of the disk that still leaves most of it to the spool. */
  static final double MIN_FREE_CORRECTED = 0.1;
  private static final String PROBE = ".cairn-write-check";

  private StorageCheck() {}

  /** @param segmentBytes the most one segment can take at the configured rate */
  public static void check(Path dir, long segmentBytes) throws StorageUnusable {
    if (!Files.exists(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent == null || !Files.exists(parent)) {
        throw new StorageUnusable(DIR_KEY, dir, "its parent folder " + parent + " does not exist");
      }
      if (!Files.isDirectory(parent)) {
        throw new StorageUnusable(DIR_KEY, dir, "its parent " + parent + " is not a folder");
      }
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        // Created meanwhile (a second Cairn starting): the lock decides which one runs.
      } catch (IOException e) {
        throw new StorageUnusable(DIR_KEY, dir, "cannot be created (" + why(e) + ")");
      }
    }
    if (!Files.isDirectory(dir)) {
      throw new StorageUnusable(DIR_KEY, dir, "is a file, not a folder");
    }
    // A real write: as root Files.isWritable says yes to a mode-0555 folder, and it never sees a read-only mount.
    Path probe = dir.resolve(PROBE);
    try {
      Durable.writeSynced(probe, new byte[] {1});
    } catch (IOException e) {
      throw new StorageUnusable(DIR_KEY, dir, "cannot be written (" + why(e) + ")");
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException e) {
        // Harmless: the next check overwrites it.
      }
    }
    long free = dir.toFile().getUsableSpace();
    if (free < segmentBytes) {
      throw new StorageUnusable(DIR_KEY, dir, "only " + size(free) + " free, less than one segment (up to "
          + size(segmentBytes) + ")");
    }
  }

  /**
   * A {@code min_free} that this disk cannot leave while still recording (more than half of it) is
   * corrected, with one line to {@code warn}; any other is kept.
   */
  public static long workableMinFree(Path dir, long minFree, Consumer<String> warn) {
    long total = dir.toFile().getTotalSpace();
    if (total == 0 || minFree <= total * MIN_FREE_MOST) {
      return minFree;
    }
    long corrected = (long) (total * MIN_FREE_CORRECTED);
    warn.accept(MIN_FREE_KEY + " " + size(minFree) + " cannot work on this disk (" + size(total) + " in all): using "
        + size(corrected) + " instead");
    return corrected;
  }

  private static String why(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied for user " + System.getProperty("user.name");
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(e.getMessage());
  }

  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0)
        : String.format(Locale.ROOT, "%d KiB", bytes / 1024);
  }
}
