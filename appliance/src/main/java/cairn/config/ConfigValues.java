package cairn.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Validated values by key, global and per camera; immutable. Keys not set hold their defaults. */
public final class ConfigValues {
  private final Map<String, Object> global;
  private final Map<String, Map<String, Object>> cameras;

  ConfigValues(Map<String, Object> global, Map<String, Map<String, Object>> cameras) {
    this.global = Map.copyOf(global);
    var cams = new LinkedHashMap<String, Map<String, Object>>();
    cameras.forEach((k, v) -> cams.put(k, Map.copyOf(v)));
    this.cameras = Collections.unmodifiableMap(cams);
  }

  @SuppressWarnings("unchecked")
  public <T> T get(Key<T> key) {
    Object v = global.get(key.path());
    return v == null ? key.defaultValue() : (T) v;
  }

  @SuppressWarnings("unchecked")
  public <T> T camera(String name, Key<T> key) {
    Object v = cameras.getOrDefault(name, Map.of()).get(key.name());
    return v == null ? key.defaultValue() : (T) v;
  }

  public Set<String> cameraNames() {
    return cameras.keySet();
  }
}
