package cairn.ota.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running release's side of a trial: is it on trial, and committing once it is healthy. Only commits; the
 * decision to go back is cairn-run's, made before a release starts, so it holds even for a release whose own
 * code never runs far enough to decide anything.
 */
public final class Trial {
    private final Releases releases;

    public Trial(Releases releases) {
        this.releases = releases;
    }

    /** The version on trial, when that is the release running now. */
    public Optional<String> running() throws IOException {
        Optional<String> onTrial = Disk.read(releases.layout().trial().resolve("release"));
        if (onTrial.isEmpty() || !onTrial.get().equals(releases.runningName())) {
            return Optional.empty();
        }
        return onTrial;
    }

    /**
     * Ends the trial: from now on cairn-run starts this release without counting. One rename makes it so; then
     * releases other than this one and the one before it are removed (a bad one leaves only its BAD mark, so that
     * it is never installed again by accident).
     */
    public void commit() throws IOException {
        DeviceLayout layout = releases.layout();
        Optional<String> previous = Disk.read(layout.trial().resolve("previous"));
        Path done = layout.ota().resolve("trial.committed");
        Disk.deleteTree(done);
        Disk.rename(layout.trial(), done);
        Disk.deleteTree(done);
        prune(previous.orElse(DeviceLayout.FACTORY));
    }

    private void prune(String previous) throws IOException {
        DeviceLayout layout = releases.layout();
        String running = releases.runningName();
        try (DirectoryStream<Path> all = Files.newDirectoryStream(layout.releases())) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.equals(running) || name.equals(previous)) {
                    continue;
                }
                boolean bad = Files.exists(p.resolve(DeviceLayout.BAD_MARK));
                Disk.removeTree(p);
                if (bad) {
                    Files.createDirectory(p);
                    Disk.replace(p.resolve(DeviceLayout.BAD_MARK), "failed its trial\n");
                }
            }
        }
    }

    /**
     * Empties every release marked BAD but its mark: after a rollback the failed release is never started again, and
     * left whole (about 130 MB) until the next commit, two of them took a 2 GiB card's spool below its reserve, so
     * that the next release on trial could record nothing and never commit. The mark stays all along, so no crash
     * here makes the release look usable or forgotten.
     *
     * @return how many releases were emptied
     */
    public int emptyBad() throws IOException {
        DeviceLayout layout = releases.layout();
        if (!Files.isDirectory(layout.releases())) {
            return 0;
        }
        String running = releases.runningName();
        int emptied = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(layout.releases())) {
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.equals(running) || !Files.exists(p.resolve(DeviceLayout.BAD_MARK))) {
                    continue;
                }
                boolean any = false;
                try (DirectoryStream<Path> inside = Files.newDirectoryStream(p)) {
                    for (Path f : inside) {
                        if (!f.getFileName().toString().equals(DeviceLayout.BAD_MARK)) {
                            Disk.deleteTree(f);
                            any = true;
                        }
                    }
                }
                emptied += any ? 1 : 0;
            }
        }
        return emptied;
    }
}
