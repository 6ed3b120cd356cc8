package cairn.app;

import cairn.ota.Manifest;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The version Cairn reports (health, ping, status page, log): that of the release it runs from, read from the
 * {@code release.manifest} beside its jar (every release installed by an update has one, and image-build writes
 * one for the factory release), else the jar's Implementation-Version, else {@code dev}. Read once at start.
 */
final class ReleaseVersion {
  private ReleaseVersion() {}

  static String of(Class<?> type) {
    Optional<String> fromManifest = jarFolder(type).flatMap(ReleaseVersion::fromReleaseFolder);
    if (fromManifest.isPresent()) {
      return fromManifest.get();
    }
    String implementation = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return implementation == null ? "dev" : implementation;
  }

  /** The version in {@code folder/release.manifest}, empty when there is none or it is not a valid manifest. */
  static Optional<String> fromReleaseFolder(Path folder) {
    Path file = folder.resolve("release.manifest");
    try {
      return Files.isRegularFile(file)
          ? Optional.of(Manifest.decode(Files.readAllBytes(file)).version().toString())
          : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> jarFolder(Class<?> type) {
    try {
      var source = type.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path jar = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(jar) ? Optional.ofNullable(jar.getParent()) : Optional.empty();
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
