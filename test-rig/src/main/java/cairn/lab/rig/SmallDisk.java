package cairn.lab.rig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * A small file system of its own (tmpfs of a given size) mounted on an empty folder, for tests and lab runs of a full
 * disk or a data partition the kernel remounts read-only. Needs root ({@link #available()} says whether it can run);
 * {@link #close()} unmounts it, so use try-with-resources.
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 40 << 20)) {
 *     ... run Cairn with storage.dir=disk.root() ...
 *     disk.remountReadOnly();                   // what the kernel does after SD card errors
 * }
 * }</pre>
 */
public final class SmallDisk implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private final Path root;
    private boolean mounted;

    private SmallDisk(Path root) {
        this.root = root;
    }

    /** Whether this process may mount file systems (root); tests skip with this reason otherwise. */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static String unavailableReason() {
        return "mounting a small tmpfs needs root; this runs as " + System.getProperty("user.name");
    }

    public static SmallDisk mount(Path root, long bytes) throws IOException {
        Files.createDirectories(root);
        SmallDisk disk = new SmallDisk(root);
        ExternalCommand.runChecked(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs",
                root.toString()), COMMAND_TIMEOUT);
        disk.mounted = true;
        return disk;
    }

    public Path root() {
        return root;
    }

    /** From now on every write fails with EROFS; what is there stays readable. */
    public void remountReadOnly() throws IOException {
        ExternalCommand.runChecked(List.of("mount", "-o", "remount,ro", root.toString()), COMMAND_TIMEOUT);
    }

    public void remountWritable() throws IOException {
        ExternalCommand.runChecked(List.of("mount", "-o", "remount,rw", root.toString()), COMMAND_TIMEOUT);
    }

    /** Fills the disk with one file until {@code leave} bytes are left. */
    public Path fill(long leave) throws IOException {
        Path filler = root.resolve("filler");
        long size = Math.max(0, root.toFile().getUsableSpace() - leave);
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
            for (long written = 0; written < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                written += ch.write(zeros);
            }
        }
        return filler;
    }

    @Override
    public void close() throws IOException {
        if (mounted) {
            // Lazy: a process that died holding a file there must not leave the mount behind.
            ExternalCommand.runChecked(List.of("umount", "-l", root.toString()), COMMAND_TIMEOUT);
            mounted = false;
        }
    }
}
