package cairn.ota.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.ota.Installed;
import cairn.ota.Version;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleasesTest {
    @TempDir
    Path dir;

    @Test
    void theFactoryManifestGivesTheVersionButNoAcceptedCounter() throws Exception {
        // image-build writes the factory's manifest with counter 1; the maintainer's first bundle has counter 1 too
        Releases box = FixtureRelease.box(dir, "0.1.0", 1);
        assertEquals(new Installed(new Version(0, 1, 0), 0), box.installed());
        box.acceptCounter(4);
        assertEquals(new Installed(new Version(0, 1, 0), 4), box.installed());
    }
}
