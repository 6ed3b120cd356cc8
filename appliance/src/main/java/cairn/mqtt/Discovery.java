package cairn.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Home Assistant MQTT discovery: one retained config message per entity, on
 * {@code PREFIX/COMPONENT/cairn_DEVICE/OBJECT/config}, all tied to one device. Home Assistant then
 * shows, with no YAML: the box online or not; CPU temperature, free disk, spool backlog, uplink
 * rate ({@code uplink.kbps}, unknown without an uplink), signal ({@code link.signal_dbm}, unknown
 * until a link monitor fills it); per camera a motion sensor (from motion events),
 * a camera picture (the snapshot topic) and a snapshot button; an outage sensor (from outage
 * events); a restart-pipeline button. Entities are unavailable while the box is offline.
 *
 * <p>Buttons publish a command whose id is made from the press time by Home Assistant's template,
 * so each press runs once. With {@code mqtt.hmac_key} set, these unsigned commands are refused.
 */
final class Discovery {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One config message. */
  record Message(String topic, byte[] payload) {}

  private final MqttSettings s;
  private final String version;
  private final List<String> cameras;

  Discovery(MqttSettings s, String version, List<String> cameras) {
    this.s = s;
    this.version = version;
    this.cameras = List.copyOf(cameras);
  }

  List<Message> messages() {
    Topics t = s.topics();
    List<Message> out = new ArrayList<>();
    out.add(sensor("cpu_temp", "CPU temperature", "{{ value_json.cpu_temp_c | default(none) }}", "°C",
        "temperature"));
    out.add(sensor("disk_free", "Disk free", "{{ value_json.disk_free_mb }}", "MB", "data_size"));
    out.add(sensor("backlog", "Upload backlog", "{{ value_json.spool.bytes }}", "B", "data_size"));
    out.add(sensor("signal", "Signal", "{{ (value_json.link | default({})).signal_dbm | default(none) }}", "dBm",
        "signal_strength"));
    out.add(sensor("uplink_kbps", "Uplink", "{{ (value_json.uplink | default({})).kbps | default(none) }}", "kbit/s",
        "data_rate"));
    out.add(sensor("data_spent", "Data spent this period",
        "{{ (value_json.budget | default({})).spent | default(none) }}", "B", "data_size"));

    ObjectNode power = entity("under_voltage", "Under-voltage");
    power.put("state_topic", t.health()).put("device_class", "problem").put("entity_category", "diagnostic")
        .put("value_template", "{{ 'ON' if (value_json.board | default({})).under_voltage | default(false) else 'OFF' }}");
    out.add(message("binary_sensor", "under_voltage", power));
    ObjectNode lastStop = entity("last_stop", "Last stop");
    lastStop.put("state_topic", t.health()).put("entity_category", "diagnostic")
        .put("value_template", "{{ (value_json.board | default({})).last_stop | default(none) }}");
    out.add(message("sensor", "last_stop", lastStop));

    ObjectNode online = entity("online", "Online");
    online.put("state_topic", t.state()).put("payload_on", "online").put("payload_off", "offline")
        .put("device_class", "connectivity").put("entity_category", "diagnostic");
    online.remove("availability_topic");
    out.add(message("binary_sensor", "online", online));

    ObjectNode outage = entity("outage", "Link outage");
    outage.put("state_topic", t.event()).put("device_class", "problem")
        .put("value_template", "{% if value_json.type == 'outage_start' %}ON{% elif value_json.type == 'outage_end' %}OFF"
            + "{% endif %}");
    out.add(message("binary_sensor", "outage", outage));

    for (String cam : cameras) {
      ObjectNode motion = entity("motion_" + cam, "Motion " + cam);
      motion.put("state_topic", t.event()).put("device_class", "motion")
          .put("value_template", "{% if value_json.camera == '" + cam + "' %}{% if value_json.type == 'motion_start' %}ON"
              + "{% elif value_json.type == 'motion_end' %}OFF{% endif %}{% endif %}");
      out.add(message("binary_sensor", "motion_" + cam, motion));

      ObjectNode camera = entity("camera_" + cam, "Camera " + cam);
      camera.put("topic", t.snapshot(cam));
      out.add(message("camera", "camera_" + cam, camera));

      out.add(button("snapshot_" + cam, "Snapshot " + cam, "snapshot", "{\"camera\": \"" + cam + "\"}"));
    }
    out.add(button("restart_pipeline", "Restart pipeline", "restart-pipeline", "{}"));
    return out;
  }

  private Message sensor(String object, String name, String template, String unit, String deviceClass) {
    ObjectNode n = entity(object, name);
    n.put("state_topic", s.topics().health()).put("value_template", template).put("unit_of_measurement", unit)
        .put("device_class", deviceClass).put("state_class", "measurement");
    return message("sensor", object, n);
  }

  private Message button(String object, String name, String action, String args) {
    ObjectNode n = entity(object, name);
    n.put("command_topic", s.topics().cmd()).put("qos", 1).put("retain", false)
        .put("command_template", "{\"id\": \"ha-" + object + "-{{ now().timestamp() }}\", \"action\": \"" + action
            + "\", \"args\": " + args + " }");
    return message("button", object, n);
  }

  private ObjectNode entity(String object, String name) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", name);
    n.put("unique_id", node() + "_" + object);
    n.put("availability_topic", s.topics().state());
    ObjectNode device = n.putObject("device");
    device.putArray("identifiers").add(node());
    device.put("name", "Cairn " + s.deviceId()).put("manufacturer", "Cairn").put("model", "camera box")
        .put("sw_version", version);
    n.putObject("origin").put("name", "Cairn").put("sw_version", version);
    return n;
  }

  private Message message(String component, String object, ObjectNode n) {
    return new Message(s.discoveryPrefix() + "/" + component + "/" + node() + "/" + object + "/config",
        Payloads.bytes(n));
  }

  private String node() {
    return "cairn_" + s.deviceId();
  }
}
