package cairn.config;

/**
 * A config value that cannot be used. The message is the one line an installer sees:
 * {@code config error: FILE:LINE: KEY: what is wrong; allowed: …}.
 */
public final class ConfigException extends Exception {
  private final String key;

  public ConfigException(String where, String key, String problem, String allowed) {
    super("config error: " + where + ": " + key + ": " + problem + (allowed.isEmpty() ? "" : "; allowed: " + allowed));
    this.key = key;
  }

  public String key() {
    return key;
  }
}
