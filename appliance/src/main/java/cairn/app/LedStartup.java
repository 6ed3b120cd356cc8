package cairn.app;

import cairn.bus.Topic;
import cairn.hardware.led.Led;
import cairn.hardware.led.LedLines;
import cairn.hardware.led.LedLinesFactory;
import cairn.hardware.led.LedPanel;
import cairn.hardware.led.LedPanelDriver;
import cairn.hardware.led.LedPattern;
import cairn.hardware.led.LedPinTable;
import cairn.health.BoxState;
import cairn.supervise.Supervisor;
import cairn.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings up the status LEDs: Pi4J lines where there is GPIO (log-only lines elsewhere, or when Pi4J
 * refuses a pin), the panel ticked on {@code cairn-leds}, supervised as the optional stage
 * {@code leds}, fed from the box-state topic. Nothing here stops the appliance: a failure is logged
 * and the box runs without LEDs.
 */
final class LedStartup implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LedStartup.class.getName());

  private LedLines lines;
  private LedPanelDriver driver;
  private volatile LedPanel panel;

  void start(Supervisor supervisor, Clock clock, Topic<BoxState> states) {
    try {
      lines = LedLinesFactory.forThisMachine(LedPinTable.DEFAULTS).create();
      panel = new LedPanel(lines, clock::nanos);
      StatusLeds leds = new StatusLeds(panel, clock);
      driver = new LedPanelDriver(panel, LedPanelDriver.DEFAULT_PERIOD);
      states.subscribe(leds::show);
      supervisor.add("leds", Supervision.LEDS, new ThreadProbe(driver::execute, Supervision.PROBE_PERIOD));
    } catch (RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "status LEDs unavailable, running without them: " + e, e);
    }
  }

  /** What each LED shows now; empty without LEDs. Any thread. */
  Map<Led, LedPattern> patterns() {
    LedPanel p = panel;
    Map<Led, LedPattern> out = new EnumMap<>(Led.class);
    if (p != null) {
      for (Led led : Led.values()) {
        out.put(led, p.patternOf(led));
      }
    }
    return out;
  }

  @Override
  public void close() {
    try {
      if (driver != null) {
        driver.close();
      }
      if (lines != null) {
        lines.close();
      }
    } catch (RuntimeException e) {
      LOG.warning("status LEDs did not close cleanly: " + e);
    }
  }
}
