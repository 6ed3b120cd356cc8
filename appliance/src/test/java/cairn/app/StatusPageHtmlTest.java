package cairn.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.hardware.led.Led;
import cairn.hardware.led.LedPattern;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusPageHtmlTest {
  private static final Map<String, Object> STATUS = Map.of("device", "hut-7", "version", "0.1.0", "uptime_s", 60,
      "cameras", Map.of("cam1", Map.of("status", "lost", "last_error", "<script>alert(1)</script>")),
      "stages", List.of(Map.of("name", "capture-cam1", "state", "restarting", "restarts", 3, "last_failure",
          "Connection refused")));

  @Test
  void everyValueIsEscapedAndNothingComesFromElsewhere() {
    String html = StatusPageHtml.render(STATUS, Map.of(Led.ERROR, LedPattern.CODE_2), Instant.EPOCH);
    assertFalse(html.contains("<script"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src=\"//"), html);
    assertTrue(html.contains("src=\"/picture/cam1.jpg\""));
  }

  @Test
  void showsTheLedsAndTheLastErrors() {
    String html = StatusPageHtml.render(STATUS, Map.of(Led.ERROR, LedPattern.CODE_2), Instant.EPOCH);
    assertTrue(html.contains("ERROR<br>code_2"), html);
    assertTrue(html.contains("capture-cam1 (restarting, 3 restarts)</td><td>Connection refused"), html);
    assertTrue(StatusPageHtml.render(STATUS, Map.of(), Instant.EPOCH).contains("no LEDs on this machine"));
  }

  @Test
  void showsTheDataPlanWhenOneIsSet() {
    Map<String, Object> paced = Map.of("device", "hut-7", "budget", Map.of("state", "paced", "budget_bytes",
        10L << 30, "spent_bytes", 8L << 30, "projected_bytes", 10L << 30, "renews", "2027-01-01T00:00:00Z",
        "cap_kbps", 120));
    String html = StatusPageHtml.render(paced, Map.of(), Instant.EPOCH);
    assertTrue(html.contains("<td>spent</td><td>8.00 GiB of 10.00 GiB</td>"), html);
    assertTrue(html.contains("<td>state</td><td>paced</td>"), html);
    assertTrue(html.contains("120 kbit/s"), html);
    String off = StatusPageHtml.render(Map.of("device", "hut-7", "budget", Map.of("state", "off")), Map.of(),
        Instant.EPOCH);
    assertTrue(off.contains("no data budget set"), off);
  }
}
