package cairn.config;

/** A deliberate layering violation for {@code ArchitectureTest}: config must never know the app. */
public final class DownstreamImportFixture {
  private DownstreamImportFixture() {}

  static String wrong() {
    return cairn.app.Main.class.getName();
  }
}
