package cairn.config;

import cairn.base.Durable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Settings changed from afar (the MQTT {@code set} command), kept in {@code DATA/remote.conf} in the
 * config file's own format. The layers, each winning over the one before: built-in defaults, the
 * config file, {@code remote.conf}, {@code --set}. So a key also given with {@code --set} keeps
 * that value until the command line changes; {@link Applied#shadowed()} says which.
 *
 * <p>A change is validated exactly as the config file is (same keys, same checks, the whole
 * config at once) before it replaces the file in one atomic step; a refused change leaves both the
 * file and the running config as they were. Keys in {@link #NOT_REMOTE} are refused: changed
 * wrongly from afar they would cut the box off or run a program of the sender's choosing.
 *
 * <p>If {@code remote.conf} no longer validates at start (e.g. a new firmware narrowed a range),
 * it is ignored with a warning rather than keeping the box from starting.
 *
 * <p>Threading: {@link #apply} and {@link #current} are synchronized.
 */
public final class RemoteOverrides {
  public static final String FILE_NAME = "remote.conf";

  /** Keys only the config file on the card (or the command line) may change. */
  public static final Set<String> NOT_REMOTE = Set.of(
      ConfigSchema.DEVICE_ID.path(), ConfigSchema.STORAGE_DIR.path(),
      ConfigSchema.MQTT_URL.path(), ConfigSchema.MQTT_TOPIC_PREFIX.path(), ConfigSchema.MQTT_USERNAME.path(),
      ConfigSchema.MQTT_PASSWORD.path(), ConfigSchema.MQTT_CA_FILE.path(), ConfigSchema.MQTT_CLIENT_CERT.path(),
      ConfigSchema.MQTT_CLIENT_KEY.path(), ConfigSchema.MQTT_HMAC_KEY.path(),
      ConfigSchema.UPLINK_URL.path(), ConfigSchema.UPLINK_USER.path(), ConfigSchema.UPLINK_PASSWORD.path(),
      ConfigSchema.UPLINK_TOKEN.path(), ConfigSchema.UPLINK_CA_FILE.path(),
      ConfigSchema.SYSTEM_REBOOT_COMMAND.path(), ConfigSchema.SYSTEM_SSH_KEY.path(),
      // Whoever may send commands must not choose which key releases are checked against.
      ConfigSchema.OTA_PUBLIC_KEY.path(),
      ConfigSchema.SYSTEM_WIFI_SSID.path(), ConfigSchema.SYSTEM_WIFI_PASSWORD.path(), ConfigSchema.SYSTEM_WIFI_COUNTRY.path());

  /** The outcome of an accepted change: the new config, and the changed keys {@code --set} still overrides. */
  public record Applied(CairnConfig config, Set<String> changed, Set<String> shadowed) {}

  private final Optional<Path> mainFile;
  private final List<String> commandLine;
  private final Path file;

  public RemoteOverrides(Optional<Path> mainFile, List<String> commandLine, Path dataDir) {
    this.mainFile = mainFile;
    this.commandLine = List.copyOf(commandLine);
    this.file = dataDir.resolve(FILE_NAME);
  }

  /** The effective config values at start: config file, then {@code remote.conf} if it validates, then --set. */
  public static ConfigValues values(Optional<Path> mainFile, List<String> overrides, Consumer<String> warn)
      throws ConfigException {
    ConfigValues base = ConfigLoader.values(mainFile, overrides);
    Path remote = CairnConfig.expandHome(base.get(ConfigSchema.STORAGE_DIR)).resolve(FILE_NAME);
    if (!Files.isRegularFile(remote)) {
      return base;
    }
    try {
      return ConfigLoader.values(mainFile, Optional.of(remote), overrides);
    } catch (ConfigException e) {
      warn.accept("ignoring the settings changed over MQTT, " + remote + " no longer validates: " + e.getMessage());
      return base;
    }
  }

  public static CairnConfig load(Optional<Path> mainFile, List<String> overrides, Consumer<String> warn)
      throws ConfigException {
    return CairnConfig.from(values(mainFile, overrides, warn));
  }

  public Path file() {
    return file;
  }

  /** The settings changed remotely so far, by dotted path, as written. */
  public synchronized Map<String, String> current() throws ConfigException {
    Map<String, String> out = new TreeMap<>();
    if (Files.isRegularFile(file)) {
      ConfigFileParser.parse(file).forEach((path, s) -> out.put(path, s.text()));
    }
    return out;
  }

  /**
   * Validates and persists {@code changes} (dotted path → new text; empty removes the remote value,
   * so the config file's applies again).
   *
   * @throws ConfigException naming the key when a change is refused; nothing has changed then
   * @throws IOException when the file cannot be written; nothing has changed then either
   */
  public synchronized Applied apply(Map<String, Optional<String>> changes) throws ConfigException, IOException {
    for (var c : changes.entrySet()) {
      String path = c.getKey();
      if (!path.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)+")) {
        throw new ConfigException("set", path, "is not a config key", "a dotted key such as encoder.max_kbps");
      }
      if (NOT_REMOTE.contains(path)) {
        throw new ConfigException("set", path, "cannot be changed remotely",
            "change it in the config file on the card");
      }
      if (c.getValue().isPresent() && c.getValue().get().chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
        throw new ConfigException("set", path, "contains a line break or control character", "plain text");
      }
    }
    Map<String, String> merged = new LinkedHashMap<>(current());
    changes.forEach((path, value) -> {
      if (value.isPresent()) {
        merged.put(path, value.get());
      } else {
        merged.remove(path);
      }
    });
    Files.createDirectories(file.getParent());
    Path candidate = file.resolveSibling(FILE_NAME + ".new");
    Durable.writeSynced(candidate, render(merged).getBytes(StandardCharsets.UTF_8));
    CairnConfig config;
    try {
      config = CairnConfig.from(ConfigLoader.values(mainFile, Optional.of(candidate), commandLine));
    } catch (ConfigException e) {
      Files.deleteIfExists(candidate);
      throw e;
    }
    Durable.rename(candidate, file);
    Durable.fsyncDir(file.getParent());
    Set<String> shadowed = new java.util.TreeSet<>();
    for (String path : changes.keySet()) {
      if (commandLine.stream().anyMatch(o -> o.startsWith(path + "=") || o.startsWith(path + " "))) {
        shadowed.add(path);
      }
    }
    return new Applied(config, Set.copyOf(changes.keySet()), shadowed);
  }

  static String render(Map<String, String> settings) {
    Map<String, Map<String, String>> sections = new TreeMap<>();
    settings.forEach((path, value) -> {
      int dot = path.lastIndexOf('.');
      sections.computeIfAbsent(path.substring(0, dot), s -> new TreeMap<>()).put(path.substring(dot + 1), value);
    });
    StringBuilder sb = new StringBuilder("# Settings changed over MQTT (the set command). Read after the config file;\n"
        + "# --set on the command line wins over both. Delete this file to go back to the config file alone.\n");
    sections.forEach((section, keys) -> {
      sb.append('[').append(section).append("]\n");
      keys.forEach((name, value) -> sb.append(name).append(" = \"")
          .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
    });
    return sb.toString();
  }
}
