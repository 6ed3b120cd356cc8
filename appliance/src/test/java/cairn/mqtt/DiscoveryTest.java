package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import cairn.config.ConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyEntityBelongsToOneDeviceUnderTheDiscoveryTopics() throws Exception {
    MqttSettings s = MqttSettings.from(ConfigLoader.load(Optional.empty(),
        List.of("device.id=hut-7", "mqtt.url=tcp://127.0.0.1:1883")));
    List<Discovery.Message> ms = new Discovery(s, "1.2.3", List.of("cam1", "cam2")).messages();
    assertEquals(6 + 2 + 2 + 3 * 2 + 1, ms.size());
    for (Discovery.Message m : ms) {
      assertTrue(m.topic().matches("homeassistant/(sensor|binary_sensor|camera|button)/cairn_hut-7/[a-z0-9_]+/config"),
          m.topic());
      JsonNode n = JSON.readTree(m.payload());
      assertEquals("cairn_hut-7", n.get("device").get("identifiers").get(0).asText());
      assertTrue(n.get("unique_id").asText().startsWith("cairn_hut-7_"));
      assertTrue(m.payload().length < 700, m.topic() + " is " + m.payload().length + " bytes");
    }
    JsonNode camera = JSON.readTree(find(ms, "camera/cairn_hut-7/camera_cam2").payload());
    assertEquals("cairn/hut-7/snapshot/cam2", camera.get("topic").asText());
    assertEquals("cairn/hut-7/state", camera.get("availability_topic").asText());
  }

  @Test
  void buttonsSendACommandThisBoxAccepts() throws Exception {
    MqttSettings s = MqttSettings.from(ConfigLoader.load(Optional.empty(), List.of("mqtt.url=tcp://127.0.0.1:1883")));
    JsonNode b = JSON.readTree(find(new Discovery(s, "1", List.of("cam1")).messages(), "snapshot_cam1").payload());
    assertEquals("cairn/cairn/cmd", b.get("command_topic").asText());
    // What Home Assistant sends once it has rendered the template.
    String rendered = b.get("command_template").asText().replace("{{ now().timestamp() }}", "1763719200.123456");
    Command c = assertInstanceOf(CommandParser.Valid.class, CommandParser.parse(rendered.getBytes())).command();
    assertEquals("snapshot", c.action());
    assertEquals("ha-snapshot_cam1-1763719200.123456", c.id());
    assertEquals("cam1", c.args().get("camera").asText());
  }

  private static Discovery.Message find(List<Discovery.Message> ms, String part) {
    return ms.stream().filter(m -> m.topic().contains(part)).findFirst().orElseThrow();
  }
}
