package cairn.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the config file and {@code --set} overrides into a validated {@link CairnConfig}, once, at
 * start. The first problem found is thrown as a {@link ConfigException} naming where, which key,
 * what is wrong and what is allowed.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** @param file the config file, or empty for the built-in defaults; @param overrides KEY=VALUE */
  public static CairnConfig load(Optional<Path> file, List<String> overrides) throws ConfigException {
    return CairnConfig.from(values(file, overrides));
  }

  public static ConfigValues values(Optional<Path> file, List<String> overrides) throws ConfigException {
    return values(file, Optional.empty(), overrides);
  }

  /**
   * As {@link #values(Optional, List)}, with a second file of the same format read after the first
   * (the settings changed over MQTT, see {@link RemoteOverrides}): its keys win over the config file's,
   * {@code --set} wins over both.
   */
  public static ConfigValues values(Optional<Path> file, Optional<Path> remote, List<String> overrides)
      throws ConfigException {
    Map<String, Setting> settings = new LinkedHashMap<>();
    if (file.isPresent()) {
      if (!Files.isRegularFile(file.get())) {
        throw new ConfigException(file.get().toString(), "file", "does not exist", "a readable config file");
      }
      settings.putAll(ConfigFileParser.parse(file.get()));
    }
    if (remote.isPresent()) {
      settings.putAll(ConfigFileParser.parse(remote.get()));
    }
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set", o, "not KEY=VALUE", "e.g. --set storage.quota=1GiB");
      }
      String path = o.substring(0, eq).strip();
      settings.put(path, new Setting(path, o.substring(eq + 1).strip(), "--set"));
    }
    return validate(settings);
  }

  private static ConfigValues validate(Map<String, Setting> settings) throws ConfigException {
    Map<String, Key<?>> globalKeys = ConfigSchema.GLOBAL_KEYS.stream()
        .collect(Collectors.toMap(Key::path, k -> k));
    Map<String, Key<?>> cameraKeys = ConfigSchema.CAMERA_KEYS.stream()
        .collect(Collectors.toMap(Key::name, k -> k));
    Map<String, Object> global = new LinkedHashMap<>();
    Map<String, Map<String, Object>> cameras = new LinkedHashMap<>();
    for (Setting s : settings.values()) {
      Key<?> key = globalKeys.get(s.path());
      if (key != null) {
        global.put(s.path(), parse(key, s));
        continue;
      }
      if (s.path().startsWith("camera.")) {
        String rest = s.path().substring("camera.".length());
        int dot = rest.lastIndexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        String keyName = dot < 0 ? "" : rest.substring(dot + 1);
        if (!name.matches(ConfigSchema.CAMERA_NAME)) {
          throw new ConfigException(s.where(), s.path(), "'" + name + "' is not a valid camera name",
              "[camera.NAME] with NAME of 1 to 32 of a-z 0-9 _ -");
        }
        Key<?> ck = cameraKeys.get(keyName);
        if (ck == null) {
          throw new ConfigException(s.where(), s.path(), "unknown camera key",
              ConfigSchema.CAMERA_KEYS.stream().map(Key::name).collect(Collectors.joining(", ")));
        }
        cameras.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(keyName, parse(ck, s));
        continue;
      }
      String section = s.path().contains(".") ? s.path().substring(0, s.path().lastIndexOf('.')) : "";
      boolean knownSection = ConfigSchema.GLOBAL_KEYS.stream().anyMatch(k -> k.section().equals(section));
      throw new ConfigException(s.where(), s.path(), knownSection ? "unknown key" : "unknown section",
          knownSection ? keysOf(section) : sectionsAllowed());
    }
    if (cameras.isEmpty()) {
      cameras.put(ConfigSchema.DEFAULT_CAMERA, new LinkedHashMap<>());
    }
    ConfigValues values = new ConfigValues(global, cameras);
    crossCheck(values, settings);
    return values;
  }

  private static void crossCheck(ConfigValues v, Map<String, Setting> settings) throws ConfigException {
    if (v.get(ConfigSchema.SEGMENT_IDLE_SECONDS) < v.get(ConfigSchema.SEGMENT_SECONDS)) {
      throw new ConfigException(where(settings, ConfigSchema.SEGMENT_IDLE_SECONDS.path()),
          ConfigSchema.SEGMENT_IDLE_SECONDS.path(), "is shorter than segment.seconds",
          "at least segment.seconds (" + v.get(ConfigSchema.SEGMENT_SECONDS) + "s)");
    }
    for (Key<String> k : List.of(ConfigSchema.MQTT_CA_FILE, ConfigSchema.MQTT_CLIENT_CERT, ConfigSchema.MQTT_CLIENT_KEY)) {
      String f = v.get(k);
      if (!f.isEmpty() && !Files.isReadable(CairnConfig.expandHome(f))) {
        throw new ConfigException(where(settings, k.path()), k.path(), "file " + f + " cannot be read", "a readable PEM file");
      }
    }
    if (v.get(ConfigSchema.MQTT_CLIENT_CERT).isEmpty() != v.get(ConfigSchema.MQTT_CLIENT_KEY).isEmpty()) {
      Key<String> missing = v.get(ConfigSchema.MQTT_CLIENT_CERT).isEmpty() ? ConfigSchema.MQTT_CLIENT_CERT
          : ConfigSchema.MQTT_CLIENT_KEY;
      throw new ConfigException("default", missing.path(), "is empty while its partner is set",
          "mqtt.client_cert and mqtt.client_key both set, or both empty");
    }
    if (UrlCredentials.of(v.get(ConfigSchema.UPLINK_URL)).present()
        && !(v.get(ConfigSchema.UPLINK_USER).isEmpty() && v.get(ConfigSchema.UPLINK_TOKEN).isEmpty())) {
      throw new ConfigException(where(settings, ConfigSchema.UPLINK_URL.path()), ConfigSchema.UPLINK_URL.path(),
          "carries credentials while uplink.user or uplink.token is set too",
          "credentials in the URL (http://USER:PASSWORD@HOST/PATH) or in uplink.user/password/token, not both");
    }
    if (v.cameraNames().stream().noneMatch(c -> v.camera(c, ConfigSchema.CAMERA_ENABLED))) {
      String path = "camera." + v.cameraNames().iterator().next() + ".enabled";
      throw new ConfigException(where(settings, path), path, "no camera is enabled, so there is nothing to record",
          "at least one camera.NAME with enabled = true");
    }
    for (String cam : v.cameraNames()) {
      String source = v.camera(cam, ConfigSchema.CAMERA_SOURCE);
      if (source.startsWith("file:") && !Files.isReadable(Path.of(source.substring(5)))) {
        String path = "camera." + cam + ".source";
        throw new ConfigException(where(settings, path), path, "file " + source.substring(5) + " cannot be read",
            "an existing video file");
      }
    }
  }

  private static String where(Map<String, Setting> settings, String path) {
    Setting s = settings.get(path);
    return s == null ? "default" : s.where();
  }

  private static Object parse(Key<?> key, Setting s) throws ConfigException {
    try {
      return key.type().parse(s.text());
    } catch (InvalidValue e) {
      throw new ConfigException(s.where(), s.path(), e.getMessage(), key.type().allowed());
    }
  }

  private static String keysOf(String section) {
    List<String> names = new ArrayList<>();
    for (Key<?> k : ConfigSchema.GLOBAL_KEYS) {
      if (k.section().equals(section)) {
        names.add(k.name());
      }
    }
    return String.join(", ", names);
  }

  static String sectionsAllowed() {
    return ConfigSchema.GLOBAL_KEYS.stream().map(Key::section).distinct().collect(Collectors.joining(", "))
        + ", camera.NAME";
  }
}
