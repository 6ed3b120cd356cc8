package cairn.ota.device;

import cairn.ota.Bundle;
import cairn.ota.BundleRefusedException;
import cairn.ota.BundleVerifier;
import cairn.ota.Manifest;
import cairn.ota.RefusalCode;
import cairn.ota.VerifiedBundle;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Installs a downloaded bundle as {@code releases/VERSION}: every check of {@link BundleVerifier} first, then
 * unpacking into a temp folder, then one rename. A crash at any point leaves either no {@code releases/VERSION}
 * or a complete one; temp folders of an earlier crash are removed on the next install. The counter is accepted
 * only once the box has switched ({@link Updater}): a crash in between must not turn the retry into a replay.
 */
public final class Installer {
    private final Releases releases;
    private final BundleVerifier verifier;

    public Installer(Releases releases, BundleVerifier verifier) {
        this.releases = releases;
        this.verifier = verifier;
    }

    /** Verifies (signature, counter, versions, every byte) and installs. */
    public Path install(Bundle bundle) throws IOException, BundleRefusedException {
        return installVerified(verify(bundle), bundle);
    }

    public VerifiedBundle verify(Bundle bundle) throws IOException, BundleRefusedException {
        return verifier.verify(bundle, releases.installed());
    }

    /** Installs what {@link #verify} accepted, from the same files, which nobody else writes meanwhile. */
    public Path installVerified(VerifiedBundle verified, Bundle bundle) throws IOException, BundleRefusedException {
        Manifest manifest = verified.manifest();
        String version = manifest.version().toString();
        if (releases.isBad(manifest.version()) && !manifest.rollback()) {
            throw new BundleRefusedException(RefusalCode.KNOWN_BAD, "Version " + version
                    + " already failed its trial on this box and is not retried.");
        }
        DeviceLayout layout = releases.layout();
        Files.createDirectories(layout.releases());
        removeLeftovers(layout.releases());
        Path target = layout.release(version);
        if (Releases.usable(target) && java.util.Arrays.equals(Files.readAllBytes(bundle.manifest()),
                Files.readAllBytes(target.resolve(DeviceLayout.MANIFEST)))) {
            return target; // installed before a crash that came ahead of the switch
        }
        Path partial = layout.releases().resolve(".partial-" + version + "-" + System.nanoTime());
        Files.createDirectory(partial);
        Unpacker.unpack(verified.payload(), manifest, partial);
        copySynced(bundle.manifest(), partial.resolve(DeviceLayout.MANIFEST));
        copySynced(bundle.signature(), partial.resolve(DeviceLayout.MANIFEST + ".sig"));
        Disk.fsync(partial);
        if (releases.currentTarget().filter(target::equals).isPresent()) {
            throw new BundleRefusedException(RefusalCode.DOWNGRADE, "Version " + version + " is the one running.");
        }
        // An older copy of this version (a rollback target, or one marked bad) goes as a whole, by rename.
        Disk.removeTree(target);
        Disk.rename(partial, target);
        return target;
    }

    private static void copySynced(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Disk.fsync(to);
    }

    /** Temp and trash folders of an install or removal that a crash interrupted. */
    static void removeLeftovers(Path releasesDir) throws IOException {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(releasesDir, ".{partial,trash}-*")) {
            for (Path p : all) {
                Disk.deleteTree(p);
            }
        }
    }
}
