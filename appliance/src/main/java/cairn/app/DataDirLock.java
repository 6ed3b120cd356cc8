package cairn.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One Cairn per data folder: an exclusive lock on {@code DATA/cairn.lock}, which holds the owner's
 * PID for people to read. The kernel drops the lock when its process dies however it dies, so a
 * lock file left by a killed process never blocks the next start. Held until the process ends.
 */
final class DataDirLock {
  static final String FILE = "cairn.lock";

  /** Another process holds the lock; the message is one line naming its PID. */
  static final class InUse extends Exception {
    InUse(Path dir, String pid) {
      super("storage error: storage.dir " + dir + ": in use by another Cairn (pid " + pid + "); stop it first");
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dir) throws IOException, InUse {
    FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it already (tests that start two appliances in one process)
    }
    if (lock == null) {
      String pid = holder(ch);
      ch.close();
      throw new InUse(dir, pid);
    }
    ch.truncate(0);
    ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    ch.force(true);
    return new DataDirLock(ch, lock);
  }

  private static String holder(FileChannel ch) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(32);
    ch.read(b, 0);
    String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
    return pid.matches("[0-9]+") ? pid : "unknown";
  }

  /** Lets a later start in this same process take the folder (tests); a process that ends needs no call. */
  void release() throws IOException {
    lock.release();
    channel.close();
  }
}
