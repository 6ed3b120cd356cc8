package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.Event;
import cairn.health.Board;
import cairn.health.CameraHealth;
import cairn.health.Health;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void healthIsCompactAndLeavesOutWhatIsUnknown() throws Exception {
    Health h = new Health("0.1.0", 3600, OptionalDouble.empty(), OptionalDouble.of(0.42), 812, 3793, 45, 10234,
        new Health.Backlog(123456, 12, 60), java.util.Optional.empty(), java.util.Optional.empty(), List.of(new CameraHealth("cam1", "running", 25.0, 0.3, 1500,
            OptionalLong.of(4), false)), java.util.Optional.empty(), java.util.Optional.empty());
    byte[] bytes = Payloads.health(h, Instant.parse("2026-11-21T10:00:00.5Z"), 0, 2);
    assertTrue(bytes.length < 450, bytes.length + " bytes");
    JsonNode n = JSON.readTree(bytes);
    assertFalse(n.has("cpu_temp_c"));
    assertEquals("2026-11-21T10:00:00Z", n.get("at").asText());
    assertEquals(2, n.get("mqtt").get("dropped").asInt());
    assertEquals(1500, n.get("cameras").get("cam1").get("target_kbps").asInt());
  }

  @Test
  void healthCarriesTheUplinkWhenThereIsOne() throws Exception {
    Health h = new Health("0.1.0", 1, OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0, 0,
        new Health.Backlog(0, 0, 0), java.util.Optional.of(new Health.Upload(212.5, 3, OptionalLong.of(2))),
        java.util.Optional.of(new Health.Link(java.util.Optional.of("3G"), OptionalDouble.of(-79.4),
            OptionalDouble.of(903.2), false, 1)), List.of(), java.util.Optional.empty(), java.util.Optional.empty());
    JsonNode link = JSON.readTree(Payloads.health(h, Instant.EPOCH, 0, 0)).get("link");
    assertEquals("3G", link.get("mode").asText());
    assertEquals(-79, link.get("signal_dbm").asInt(), "what discovery's signal sensor reads");
    assertEquals(903, link.get("estimate_kbps").asInt());
    assertFalse(link.get("outage").asBoolean());
    JsonNode u = JSON.readTree(Payloads.health(h, Instant.EPOCH, 0, 0)).get("uplink");
    assertEquals(212.5, u.get("kbps").asDouble());
    assertEquals(3, u.get("failures").asInt());
    assertEquals(2, u.get("last_ok_age_s").asInt());
  }

  @Test
  void anEventCarriesTypeTimeAndItsFields() throws Exception {
    JsonNode n = JSON.readTree(Payloads.event(Event.of("motion_start", Instant.parse("2026-11-21T10:00:00.123456Z"),
        "camera", "cam1", "change", 0.012)));
    assertEquals("motion_start", n.get("type").asText());
    assertEquals("2026-11-21T10:00:00.123Z", n.get("at").asText());
    assertEquals("cam1", n.get("camera").asText());
    assertEquals(0.012, n.get("change").asDouble());
  }

  @Test
  void healthCarriesTheBoardForTheUnderVoltageSensor() throws Exception {
    Health h = new Health("0.1.0", 1, OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0, 0,
        new Health.Backlog(0, 0, 0), java.util.Optional.empty(), java.util.Optional.empty(), List.of(),
        java.util.Optional.of(new Board(OptionalDouble.of(61.2), true, List.of("under_voltage", "under_voltage_since_boot"),
            true, 86400, "watchdog signal ABRT", 2, 1000)), java.util.Optional.empty());
    JsonNode b = JSON.readTree(Payloads.health(h, Instant.EPOCH, 0, 0)).get("board");
    assertTrue(b.get("under_voltage").asBoolean());
    assertEquals("under_voltage_since_boot", b.get("throttling").get(1).asText());
    assertEquals("watchdog signal ABRT", b.get("last_stop").asText());
    assertEquals(2, b.get("write_errors").asInt());
  }
}
