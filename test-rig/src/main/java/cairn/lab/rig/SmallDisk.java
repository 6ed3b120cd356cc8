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
 * A small file system of its own mounted on an empty folder, for tests and lab runs of a full disk or a data partition
 * the kernel turns read-only: a tmpfs of a given size ({@link #mount}), or ext4 in an image file on a loop device
 * ({@link #ext4}), which {@link #failLikeAnSdCard} makes read-only the way the kernel does after SD card errors, open
 * files and all. Needs root ({@link #available()} says whether it can run); {@link #close()} unmounts it, so use
 * try-with-resources.
 *
 * <pre>{@code
 * try (SmallDisk disk = SmallDisk.ext4(dir.resolve("disk"), 40 << 20)) {
 *     ... run Cairn with storage.dir=disk.root() ...
 *     disk.failLikeAnSdCard();                  // errors=remount-ro: every write fails with EROFS from now on
 * }
 * }</pre>
 */
public final class SmallDisk implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private final Path root;
    private final Path image;
    private boolean mounted;

    private SmallDisk(Path root, Path image) {
        this.root = root;
        this.image = image;
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
        SmallDisk disk = new SmallDisk(root, null);
        ExternalCommand.runChecked(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs",
                root.toString()), COMMAND_TIMEOUT);
        disk.mounted = true;
        return disk;
    }

    /** ext4 of {@code bytes} in an image file beside {@code root}, mounted with {@code errors=remount-ro}. */
    public static SmallDisk ext4(Path root, long bytes) throws IOException {
        Files.createDirectories(root);
        Path image = root.resolveSibling(root.getFileName() + ".img");
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.truncate(0).write(ByteBuffer.allocate(1), bytes - 1);
        }
        SmallDisk disk = new SmallDisk(root, image);
        ExternalCommand.runChecked(List.of("mkfs.ext4", "-q", "-F", image.toString()), COMMAND_TIMEOUT);
        ExternalCommand.runChecked(List.of("mount", "-o", "loop,errors=remount-ro", image.toString(), root.toString()),
                COMMAND_TIMEOUT);
        disk.mounted = true;
        return disk;
    }

    /**
     * Reports a file system error to ext4 (its {@code trigger_fs_error} knob), which with {@code errors=remount-ro}
     * makes the disk read-only at once, as a Pi's kernel does after SD card errors; it stays so until unmounted.
     */
    public void failLikeAnSdCard() throws IOException {
        if (image == null) {
            throw new IllegalStateException("only an ext4 disk can fail like an SD card");
        }
        String device = Path.of(ExternalCommand.runChecked(List.of("findmnt", "-n", "-o", "SOURCE", root.toString()),
                COMMAND_TIMEOUT).stdout().strip()).getFileName().toString();
        Files.writeString(Path.of("/sys/fs/ext4", device, "trigger_fs_error"), "cairn test: SD card error\n");
    }

    public Path root() {
        return root;
    }

    /** From now on every write fails with EROFS; refused (mount point busy) while a process has a file open to write. */
    public void remountReadOnly() throws IOException {
        ExternalCommand.runChecked(List.of("mount", "-o", "remount,ro", root.toString()), COMMAND_TIMEOUT);
    }

    /**
     * Fills the disk with one file until {@code leave} bytes are left. A process writing there at the same time can
     * take the last bytes first: a write that then finds the disk full (ENOSPC) has done what was asked.
     */
    public Path fill(long leave) throws IOException {
        Path filler = root.resolve("filler");
        long size = Math.max(0, root.toFile().getUsableSpace() - leave);
        // Appended to: called again, it takes what was freed since (by evictions, say).
        try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
            for (long written = 0; written < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
                try {
                    written += ch.write(zeros);
                } catch (IOException e) {
                    // ENOSPC carries no type of its own in the JDK, only the kernel's message.
                    if (!String.valueOf(e.getMessage()).contains("No space left")) {
                        throw e;
                    }
                    break;
                }
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
        if (image != null) {
            Files.deleteIfExists(image);
        }
    }
}
