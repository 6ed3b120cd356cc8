package cairn.app;

import cairn.hardware.led.Led;
import cairn.hardware.led.LedPanel;
import cairn.hardware.led.LedPattern;
import cairn.health.BoxState;
import cairn.health.LedPlan;
import cairn.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Drives the five LEDs from the box's state: a lamp test first (every LED on for 2 s, so an
 * installer sees a dead LED), then what {@link LedPlan} says for each {@link BoxState} published.
 * Any thread; the panel is thread-safe and is ticked elsewhere.
 */
final class StatusLeds {
  static final Duration LAMP_TEST = Duration.ofSeconds(2);

  private final LedPanel panel;
  private BoxState latest;
  private boolean lampTest = true;

  StatusLeds(LedPanel panel, Clock clock) {
    this.panel = panel;
    for (Led led : Led.values()) {
      panel.show(led, LedPattern.ON);
    }
    clock.schedule(LAMP_TEST, this::lampTestOver);
  }

  synchronized void show(BoxState state) {
    latest = state;
    if (!lampTest) {
      LedPlan.patterns(state).forEach(panel::show);
    }
  }

  private synchronized void lampTestOver() {
    lampTest = false;
    if (latest != null) {
      show(latest);
    } else {
      Map<Led, LedPattern> alive = Map.of(Led.POWER, LedPattern.HEARTBEAT);
      for (Led led : Led.values()) {
        panel.show(led, alive.getOrDefault(led, LedPattern.OFF));
      }
    }
  }
}
