package cairn.lab.scenario;

import cairn.lab.rig.CommandResult;
import cairn.lab.rig.ExternalCommand;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * hls.js, the report's player, from the npm registry: {@code test-rig/viewer/package.json} pins it and
 * {@code package-lock.json} locks it; {@code test-rig/setup} runs {@code npm ci} there, and so does the lab when
 * {@code node_modules} is missing. The report gets its own copy ({@code DIR/viewer/hls.min.js}), so the folder plays
 * on its own, served from anywhere, and never asks a CDN.
 */
final class HlsJs {

    /** Overrides where {@code test-rig/viewer} is. */
    static final String VIEWER_DIR_PROPERTY = "cairn.viewer.dir";
    static final String DIST = "node_modules/hls.js/dist/hls.min.js";
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(3);

    private HlsJs() {}

    /** Copies hls.min.js to {@code reportDir/viewer/}, running {@code npm ci} first if needed; returns the copy. */
    static Path copyInto(Path reportDir) throws IOException {
        Path viewer = viewerDir();
        Path dist = viewer.resolve(DIST);
        if (!Files.isRegularFile(dist)) {
            CommandResult r = ExternalCommand.run(List.of("npm", "ci", "--prefix", viewer.toString(), "--no-audit",
                    "--no-fund"), NPM_TIMEOUT);
            if (!r.succeeded() || !Files.isRegularFile(dist)) {
                throw new IOException("hls.js is not installed in " + viewer + " and 'npm ci' there failed (run"
                        + " test-rig/setup): " + r.describe());
            }
        }
        Path copy = reportDir.resolve("viewer").resolve("hls.min.js");
        Files.createDirectories(copy.getParent());
        Files.copy(dist, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** {@code test-rig/viewer}: the property, else beside the lab's jar or classes ({@code test-rig/target/…}). */
    static Path viewerDir() throws IOException {
        String configured = System.getProperty(VIEWER_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        try {
            Path here = Path.of(HlsJs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("viewer").resolve("package.json"))) {
                    return dir.resolve("viewer");
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where the lab runs from: " + e.getMessage(), e);
        }
        throw new IOException("no test-rig/viewer/package.json above the lab's jar; set -D" + VIEWER_DIR_PROPERTY);
    }
}
