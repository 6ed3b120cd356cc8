package cairn.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.ota.Manifest;
import cairn.ota.ReleaseFile;
import cairn.ota.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseVersionTest {
  private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void theReleaseManifestBesideTheJarGivesTheVersion(@TempDir Path release) throws Exception {
    Manifest m = new Manifest(new Version(0, 1, 0), 1, "cairn-0.1.0.zip", 10, SHA, Instant.parse("2026-12-03T18:00:00Z"),
        new Version(0, 0, 0), false, List.of(new ReleaseFile("cairn-appliance.jar", 10, SHA)));
    Files.write(release.resolve("release.manifest"), m.encode());
    assertEquals(Optional.of("0.1.0"), ReleaseVersion.fromReleaseFolder(release));
  }

  @Test
  void noManifestOrABrokenOneGivesNone(@TempDir Path release) throws Exception {
    assertEquals(Optional.empty(), ReleaseVersion.fromReleaseFolder(release));
    Files.writeString(release.resolve("release.manifest"), "format=something-else\n");
    assertEquals(Optional.empty(), ReleaseVersion.fromReleaseFolder(release));
  }

  @Test
  void fromTheBuildTreeItIsTheJarsVersionOrDev() {
    // target/classes has no release.manifest beside it: the Implementation-Version, which this build does not set
    String v = ReleaseVersion.of(ReleaseVersion.class);
    assertEquals(ReleaseVersion.class.getPackage().getImplementationVersion() == null ? "dev"
        : ReleaseVersion.class.getPackage().getImplementationVersion(), v);
  }
}
