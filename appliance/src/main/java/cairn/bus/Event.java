package cairn.bus;

import java.time.Instant;
import java.util.Map;

/**
 * Something worth telling the operator: motion, a lost camera, evicted footage. {@code type} is
 * the stable code from CONTRACTS.md ({@code motion_start}, {@code camera_lost}, …); {@code fields}
 * carry the details and go into the MQTT event payload as they are.
 */
public record Event(String type, Instant at, Map<String, Object> fields) {
  public Event {
    fields = Map.copyOf(fields);
  }

  public static Event of(String type, Instant at, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keyValues must come in pairs");
    }
    var map = new java.util.LinkedHashMap<String, Object>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new Event(type, at, map);
  }

  @Override
  public String toString() {
    return type + " " + fields;
  }
}
