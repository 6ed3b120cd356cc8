package cairn.ota.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points {@code current} at an installed release, on trial. Order matters for power cuts: the trial folder is
 * complete (written, fsynced, renamed into place) before {@code current} moves, so no start ever runs an
 * untried release as if committed. A trial naming a release that {@code current} does not point at is stale
 * (the switch did not happen) and cairn-run removes it.
 *
 * <pre>
 * DATA/ota/trial/release    1.4.2          (the release on trial)
 * DATA/ota/trial/previous   1.3.0|factory  (where a failed trial goes back to)
 * DATA/ota/trial/tries      3
 * DATA/ota/trial/deadline_s 600
 * DATA/ota/trial/boot       &lt;boot id&gt;      (a start in another boot means the box rebooted during the trial)
 * DATA/ota/trial/try.N      one per start, made by cairn-run
 * </pre>
 */
public final class ReleaseSwitch {
    private final Releases releases;

    public ReleaseSwitch(Releases releases) {
        this.releases = releases;
    }

    public void switchTo(String version, TrialTerms terms, String bootId) throws IOException {
        DeviceLayout layout = releases.layout();
        Path target = layout.release(version);
        if (!Releases.usable(target)) {
            throw new IOException("release " + target + " is not complete; not switching to it");
        }
        String previous = releases.runningName();
        Files.createDirectories(layout.ota());
        Path fresh = layout.ota().resolve("trial.new");
        Disk.deleteTree(fresh);
        Files.createDirectory(fresh);
        Disk.replace(fresh.resolve("release"), version + "\n");
        Disk.replace(fresh.resolve("previous"), previous + "\n");
        Disk.replace(fresh.resolve("tries"), terms.tries() + "\n");
        Disk.replace(fresh.resolve("deadline_s"), terms.deadlineSeconds() + "\n");
        Disk.replace(fresh.resolve("boot"), bootId + "\n");
        Disk.removeTree(layout.trial());
        Disk.rename(fresh, layout.trial());
        Path link = layout.data().resolve("current.new");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, layout.data().relativize(target));
        Disk.rename(link, layout.current());
    }
}
