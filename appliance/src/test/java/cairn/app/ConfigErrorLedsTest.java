package cairn.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.hardware.led.Led;
import cairn.hardware.led.LedPattern;
import cairn.health.LedPlan;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigErrorLedsTest {
  @Test
  void aWrongConfigShowsCodeOneOnTheErrorLedAndAHeartbeat() {
    Map<Led, LedPattern> shown = LedPlan.patterns(ConfigErrorLeds.STATE);
    assertEquals(LedPattern.CODE_1, shown.get(Led.ERROR), shown.toString());
    assertEquals(LedPattern.HEARTBEAT, shown.get(Led.POWER), "alive, not hung: " + shown);
    assertEquals(LedPattern.OFF, shown.get(Led.RECORDING), "nothing records: " + shown);
  }
}
