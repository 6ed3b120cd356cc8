package cairn.ota.device;

import cairn.ota.Installed;
import cairn.ota.Manifest;
import cairn.ota.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The releases on a box and which one runs, read the way cairn-run chooses: {@code current} when it links to a
 * complete release (its manifest, jar and natives folder there, no {@code BAD} mark), else the factory release.
 */
public final class Releases {
    private final DeviceLayout layout;

    public Releases(DeviceLayout layout) {
        this.layout = layout;
    }

    public DeviceLayout layout() {
        return layout;
    }

    /** The folder cairn-run would start now. */
    public Path running() throws IOException {
        return currentTarget().filter(Releases::usable).orElse(layout.factory());
    }

    /** {@code factory}, or the version folder name of the running release. */
    public String runningName() throws IOException {
        Path running = running();
        return running.equals(layout.factory()) ? DeviceLayout.FACTORY : running.getFileName().toString();
    }

    /** Where {@code current} points, resolved; empty when there is no such link. */
    public Optional<Path> currentTarget() throws IOException {
        Path link = layout.current();
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        Path target = Files.readSymbolicLink(link);
        return Optional.of(link.resolveSibling(target).normalize());
    }

    /** What cairn-run insists on before it starts a release; a folder becomes complete only by its final rename. */
    public static boolean usable(Path release) {
        return Files.isRegularFile(release.resolve(DeviceLayout.MANIFEST))
                && Files.isRegularFile(release.resolve("cairn-appliance.jar"))
                && Files.isDirectory(release.resolve("javacpp"))
                && !Files.exists(release.resolve(DeviceLayout.BAD_MARK));
    }

    public boolean isBad(Version version) {
        return Files.exists(layout.release(version.toString()).resolve(DeviceLayout.BAD_MARK));
    }

    /**
     * The running release's version and the highest counter accepted so far. The factory release's manifest
     * (written by image-build) gives only its version: it was never an accepted bundle, so its counter does not
     * count, and a box on the factory release takes any signed counter from 1.
     */
    public Installed installed() throws IOException {
        Path running = running();
        Optional<Manifest> m = manifestOf(running);
        Version version = m.map(Manifest::version).orElse(new Version(0, 0, 0));
        long own = running.equals(layout.factory()) ? 0L : m.map(Manifest::counter).orElse(0L);
        long counter = Math.max(own, acceptedCounter());
        return new Installed(version, counter);
    }

    public long acceptedCounter() throws IOException {
        Optional<String> text = Disk.read(layout.counter());
        if (text.isEmpty() || !text.get().matches("\\d{1,18}")) {
            return 0;
        }
        return Long.parseLong(text.get());
    }

    public void acceptCounter(long counter) throws IOException {
        if (counter > acceptedCounter()) {
            Files.createDirectories(layout.ota());
            Disk.replace(layout.counter(), counter + "\n");
        }
    }

    static Optional<Manifest> manifestOf(Path release) throws IOException {
        Path file = release.resolve(DeviceLayout.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Manifest.decode(Files.readAllBytes(file)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
