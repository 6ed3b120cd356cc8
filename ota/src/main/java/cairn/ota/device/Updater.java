package cairn.ota.device;

import cairn.ota.Bundle;
import cairn.ota.BundleRefusedException;
import cairn.ota.BundleVerifier;
import cairn.ota.DetachedSignature;
import cairn.ota.Manifest;
import cairn.ota.RefusalCode;
import cairn.ota.VerifiedBundle;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * One update, from a manifest address to {@code current} pointing at the new release on trial:
 *
 * <pre>
 *   fetch manifest + signature ─ verify signature, counter, versions (before a byte of payload)
 *     └─ download payload (resumable, DATA/ota/download/SHA256.part) ─ verify size and SHA-256
 *         └─ unpack into releases/.partial-*, every file checked, fsync ─ rename to releases/VERSION
 *             └─ trial folder written ─ current switched by rename(2) ─ the caller restarts Cairn
 * </pre>
 *
 * A crash or power cut anywhere leaves the box starting a complete release, old or new; running it again
 * continues the download where it stopped. The payload's URL is the manifest's {@code payload} name next to the
 * manifest; the signature is the manifest's URL plus {@code .sig}. Not thread-safe.
 */
public final class Updater {
    /** Where an update is; the names travel in MQTT health. */
    public enum Phase { CHECKING, DOWNLOADING, VERIFYING, INSTALLING, SWITCHING, SWITCHED }

    /** Told each phase as it begins, and the download's progress. Called on the updater's thread. */
    public interface Listener {
        void phase(Phase phase, String version);

        default void progress(long bytes, long total) {}
    }

    /** What an update did: the version now on trial, the payload's size, and what the link carried for it. */
    public record Result(String version, long payloadBytes, long fetchedBytes, int requests) {}

    private final Releases releases;
    private final BundleVerifier verifier;
    private final Downloader downloader;
    private final TrialTerms terms;
    private final String bootId;
    private final Listener listener;

    public Updater(Releases releases, BundleVerifier verifier, Downloader downloader, TrialTerms terms,
            String bootId, Listener listener) {
        this.releases = Objects.requireNonNull(releases, "releases");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.downloader = Objects.requireNonNull(downloader, "downloader");
        this.terms = Objects.requireNonNull(terms, "terms");
        this.bootId = Objects.requireNonNull(bootId, "bootId");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Result apply(URI manifestUrl) throws BundleRefusedException, IOException, InterruptedException {
        DeviceLayout layout = releases.layout();
        if (Files.exists(layout.trial().resolve("release"))) {
            throw new BundleRefusedException(RefusalCode.TRIAL_RUNNING, "Release "
                    + Disk.read(layout.trial().resolve("release")).orElse("?")
                    + " is on trial; a new update waits until it has committed or been rolled back.");
        }
        listener.phase(Phase.CHECKING, "");
        Path dir = layout.downloads();
        Files.createDirectories(dir);
        Path manifestFile = dir.resolve("next.manifest");
        Path signatureFile = dir.resolve("next.manifest.sig");
        Disk.replace(signatureFile, (downloader.fetchSmall(URI.create(manifestUrl + ".sig"),
                DetachedSignature.MAX_BYTES)));
        Disk.replace(manifestFile, (downloader.fetchSmall(manifestUrl, Manifest.MAX_BYTES)));
        Installer installer = new Installer(releases, verifier);
        Manifest manifest = verifier.verifyManifest(new Bundle(dir.resolve("none"), manifestFile, signatureFile),
                releases.installed());
        String version = manifest.version().toString();
        if (releases.isBad(manifest.version()) && !manifest.rollback()) {
            throw new BundleRefusedException(RefusalCode.KNOWN_BAD, "Version " + version
                    + " already failed its trial on this box and is not retried.");
        }
        Path part = dir.resolve(manifest.payloadSha256() + ".part");
        removeOtherDownloads(dir, Set.of(part.getFileName().toString(), manifestFile.getFileName().toString(),
                signatureFile.getFileName().toString()));
        listener.phase(Phase.DOWNLOADING, version);
        downloader.fetchResumable(manifestUrl.resolve(manifest.payloadName()), part, manifest.payloadSize(),
                listener::progress);
        listener.phase(Phase.VERIFYING, version);
        Bundle bundle = new Bundle(part, manifestFile, signatureFile);
        VerifiedBundle verified;
        try {
            verified = installer.verify(bundle);
        } catch (BundleRefusedException e) {
            if (e.code() == RefusalCode.TAMPERED_PAYLOAD || e.code() == RefusalCode.TRUNCATED_PAYLOAD) {
                Files.deleteIfExists(part); // a damaged download would fail the same way forever
            }
            throw e;
        }
        listener.phase(Phase.INSTALLING, version);
        installer.installVerified(verified, bundle);
        listener.phase(Phase.SWITCHING, version);
        new ReleaseSwitch(releases).switchTo(version, terms, bootId);
        releases.acceptCounter(manifest.counter());
        removeOtherDownloads(dir, Set.of());
        listener.phase(Phase.SWITCHED, version);
        return new Result(version, manifest.payloadSize(), downloader.fetchedTotal(), downloader.requests());
    }

    private static void removeOtherDownloads(Path dir, Set<String> keep) throws IOException {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path p : all) {
                if (!keep.contains(p.getFileName().toString())) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
