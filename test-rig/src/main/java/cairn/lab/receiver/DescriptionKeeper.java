package cairn.lab.receiver;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Keeps a copy of every segment description ({@code <camera>/NNNNNNNNNNNN.json}) that appears in a running
 * appliance's spool, because the uplink deletes a segment and its description once the server has it, and the
 * arrival checker needs to know everything that was produced. Watches with inotify (a copy a few milliseconds after
 * the spool's rename; a description that lives less than that can be missed) and also rescans every
 * {@value #RESCAN_MILLIS} ms in case an event was lost.
 *
 * <pre>{@code
 * try (DescriptionKeeper keeper = DescriptionKeeper.start(cairn.dataDir().resolve("spool"), runDir.resolve("produced"))) {
 *     ... run ...
 * }
 * List<SegmentInfo> produced = ProducedSegments.read(runDir.resolve("produced"));
 * }</pre>
 *
 * <p>One thread of its own; {@link #close()} rescans once more, then ends it.
 */
public final class DescriptionKeeper implements AutoCloseable {

    static final long RESCAN_MILLIS = 500;
    private static final Logger LOG = Logger.getLogger(DescriptionKeeper.class.getName());

    private final Path spool;
    private final Path copies;
    private final WatchService watcher;
    private final Set<Path> watched = new HashSet<>();
    private final Thread thread;
    private volatile boolean closed;
    private int copied;

    private DescriptionKeeper(Path spool, Path copies) throws IOException {
        this.spool = spool;
        this.copies = copies;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.thread = new Thread(this::loop, "description-keeper");
        this.thread.setDaemon(true);
    }

    /** Starts keeping copies of what appears under {@code spool} (it may not exist yet) in {@code copies}. */
    public static DescriptionKeeper start(Path spool, Path copies) throws IOException {
        Files.createDirectories(copies);
        DescriptionKeeper keeper = new DescriptionKeeper(spool, copies);
        keeper.scan();
        keeper.thread.start();
        return keeper;
    }

    /** Descriptions copied so far. */
    public synchronized int copied() {
        return copied;
    }

    private void loop() {
        long nextScan = System.nanoTime();
        while (!closed) {
            try {
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                    scan();
                } else if (System.nanoTime() >= nextScan) {
                    scan();
                    nextScan = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RESCAN_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warning("description keeper: " + e.getMessage());
            }
        }
    }

    /** Registers new camera folders and copies every description not copied yet. */
    private synchronized void scan() throws IOException {
        if (!Files.isDirectory(spool)) {
            if (spool.getParent() != null && Files.isDirectory(spool.getParent())) {
                register(spool.getParent());
            }
            return;
        }
        register(spool);
        List<Path> cameras;
        try (Stream<Path> s = Files.list(spool)) {
            cameras = s.filter(Files::isDirectory).toList();
        }
        for (Path camera : cameras) {
            register(camera);
            List<Path> descriptions;
            try (Stream<Path> s = Files.list(camera)) {
                descriptions = s.filter(f -> f.getFileName().toString().matches("[0-9]{12}\\.json")).toList();
            } catch (NoSuchFileException e) {
                continue;
            }
            for (Path d : descriptions) {
                Path copy = copies.resolve(camera.getFileName()).resolve(d.getFileName());
                if (Files.exists(copy)) {
                    continue;
                }
                Files.createDirectories(copy.getParent());
                try {
                    Path temp = copy.resolveSibling(copy.getFileName() + ".part");
                    Files.copy(d, temp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(temp, copy, StandardCopyOption.ATOMIC_MOVE);
                    copied++;
                } catch (NoSuchFileException e) {
                    LOG.warning("description keeper: " + d + " was gone before it could be copied");
                }
            }
        }
    }

    private void register(Path dir) throws IOException {
        if (watched.add(dir)) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            scan();
        } finally {
            closed = true;
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            watcher.close();
        }
    }
}
