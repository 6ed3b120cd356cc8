package cairn.lab.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SD-card image's fast checks, without building an image: {@code image-build/test/run}
 * (shellcheck on the scripts, the boot service's tests, the cairn.conf template against the
 * config schema) with the appliance jar the reactor just built.
 */
class ImageBuildChecksTest {
  @Test
  void imageScriptsPassTheirChecks() throws IOException, InterruptedException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path jar = repo.resolve("appliance/target/cairn-appliance.jar");
    assertTrue(Files.isRegularFile(jar), "the appliance jar is built before test-rig's tests: " + jar);
    Process p = new ProcessBuilder(repo.resolve("image-build/test/run").toString(), jar.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "image-build/test/run took over 5 minutes");
    assertEquals(0, p.exitValue(), out);
  }
}
