package cairn.base;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * File operations that survive a power cut: data reaches the disk before its final name appears,
 * and the name reaches the disk before the operation returns.
 */
public final class Durable {
  private Durable() {}

  public static void fsync(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Makes renames and deletions inside {@code dir} durable. */
  public static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Writes {@code bytes} to {@code tmp}, flushes them to disk; the caller renames when ready. */
  public static void writeSynced(Path tmp, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  public static void rename(Path from, Path to) throws IOException {
    Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Replaces {@code file} with {@code bytes} in one step: readers see the old or the new, never half. */
  public static void replace(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      writeSynced(tmp, bytes);
      rename(tmp, file);
    } catch (IOException e) {
      // A full disk leaves an empty temp file behind otherwise; on a read-only one this fails too, harmlessly.
      deleteQuietly(tmp);
      throw e;
    }
    fsyncDir(file.getParent());
  }

  /** Deletes {@code file} if it is there; a failure (read-only disk) is ignored, the caller already has an error. */
  public static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // The caller reports the error that brought it here.
    }
  }
}
