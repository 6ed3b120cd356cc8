package cairn.health;

import cairn.hardware.led.Led;
import cairn.hardware.led.LedPattern;
import java.util.EnumMap;
import java.util.Map;

/** What each LED shows for a {@link BoxState}; the table in hardware/README.md says the same. */
public final class LedPlan {
  private LedPlan() {}

  public static Map<Led, LedPattern> patterns(BoxState s) {
    Map<Led, LedPattern> p = new EnumMap<>(Led.class);
    p.put(Led.POWER, LedPattern.HEARTBEAT);
    p.put(Led.LINK, switch (s.link()) {
      case UP -> LedPattern.ON;
      case DEGRADED -> LedPattern.BLINK_SLOW;
      case DOWN, NONE -> LedPattern.OFF;
    });
    p.put(Led.RECORDING, switch (s.recording()) {
      case ALL -> LedPattern.ON;
      case SOME_LOST -> LedPattern.BLINK_SLOW;
      case NONE -> LedPattern.OFF;
    });
    p.put(Led.BACKLOG, switch (s.backlog()) {
      case NONE -> LedPattern.OFF;
      case MINUTES -> LedPattern.BLINK_SLOW;
      case HOURS -> LedPattern.BLINK_FAST;
    });
    p.put(Led.ERROR, s.problem().map(problem -> LedPattern.code(problem.flashes())).orElse(LedPattern.OFF));
    return p;
  }
}
