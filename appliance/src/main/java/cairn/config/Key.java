package cairn.config;

/**
 * One config key: its name inside its section, how it is read, its default and a one-line help
 * that {@code --print-config} writes above it.
 */
public record Key<T>(String section, String name, ValueType<T> type, T defaultValue, String help) {
  /** The dotted path used by {@code --set}; for camera keys the section holds a {@code *}. */
  public String path() {
    return section + "." + name;
  }
}
