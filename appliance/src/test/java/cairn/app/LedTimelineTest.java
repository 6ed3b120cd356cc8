package cairn.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.hardware.led.Led;
import cairn.hardware.led.LedPanel;
import cairn.hardware.led.LedPinTable;
import cairn.hardware.led.Pi4jLedLines;
import cairn.health.BoxInputs;
import cairn.time.FakeClock;
import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The LED timelines the installer sees, as pin levels of Pi4J's mock outputs on a fake clock. What the stages report
 * is scripted second by second ({@link BoxInputs}); the state derived from it, the LED plan, the lamp test, the panel
 * and the Pi4J outputs are the appliance's own code. Each scenario is written to
 * {@code target/led-timelines/NAME.txt}: one line a second, per LED 20 samples ({@code #} lit, {@code .} dark).
 */
class LedTimelineTest {
  private static final Path OUT = Path.of("target", "led-timelines");
  private static final int SAMPLES_PER_S = 20;

  private final FakeClock clock = new FakeClock();
  private final Context gpio = Pi4J.newContextBuilder().add(MockDigitalOutputProvider.newInstance()).build();

  @AfterEach
  void shutDown() {
    gpio.shutdown();
  }

  /** A healthy box with one camera and an uplink; ages in seconds since the script's start. */
  private static BoxInputs healthy(int t) {
    return new BoxInputs(List.of(true), 0, true, false, OptionalDouble.of(0.5), false, false, OptionalDouble.empty(),
        OptionalDouble.empty(), true, t, OptionalDouble.of(52.0), false);
  }

  @Test
  void startUpWithLampTest() throws IOException {
    List<String> t = run("start-up", 8, s -> s < 1
        ? new BoxInputs(List.of(false), 0, true, false, OptionalDouble.empty(), false, false, OptionalDouble.empty(),
            OptionalDouble.empty(), true, s, OptionalDouble.of(52.0), false)
        : s < 3 ? new BoxInputs(List.of(true), 0, true, false, OptionalDouble.empty(), false, false,
            OptionalDouble.empty(), OptionalDouble.empty(), true, s, OptionalDouble.of(52.0), false)
        : healthy(s));
    assertEquals(all('#'), strip(t, 0), "lamp test: every LED lit");
    assertEquals(all('#'), strip(t, 1));
    assertEquals("##...##.............", column(t, 4, Led.POWER), "heartbeat after the lamp test");
    assertEquals("####################", column(t, 5, Led.LINK), "uploads succeed");
    assertEquals("####################", column(t, 5, Led.RECORDING));
    assertEquals("....................", column(t, 5, Led.ERROR));
  }

  @Test
  void cameraUnpluggedForTwentySecondsAndBack() throws IOException {
    List<String> t = run("camera-unplugged-20s", 40, s -> s >= 10 && s < 30
        ? new BoxInputs(List.of(false), 0, true, false, OptionalDouble.of(0.5), false, false, OptionalDouble.empty(),
            OptionalDouble.empty(), true, s, OptionalDouble.of(52.0), false)
        : healthy(s));
    assertEquals("####################", column(t, 8, Led.RECORDING));
    assertEquals("##########..........", column(t, 15, Led.RECORDING), "slow blink while lost");
    assertEquals(4, flashes(t, 10, 15, Led.ERROR), "ERROR blinks code 2 (camera): 2 flashes every 2.5 s");
    assertEquals("####################", column(t, 32, Led.RECORDING), "on again when it is back");
    assertEquals("....................", column(t, 32, Led.ERROR));
  }

  @Test
  void sixtySecondLinkOutageWithBacklogBuildingAndDraining() throws IOException {
    // Outage from 10 s to 70 s (detected 4 s in); the backlog drains by 100 s.
    List<String> t = run("link-outage-60s", 110, s -> {
      boolean outage = s >= 14 && s < 70;
      OptionalDouble lastUpload = OptionalDouble.of(s < 10 ? 0.5 : s < 70 ? s - 10 : 0.5);
      OptionalDouble waiting = s >= 11 && s < 100 ? OptionalDouble.of(s < 70 ? s - 10 : 100 - s) : OptionalDouble.empty();
      return new BoxInputs(List.of(true), 0, true, outage, lastUpload, s >= 10 && s < 70, false, waiting,
          OptionalDouble.empty(), true, s, OptionalDouble.of(52.0), false);
    });
    assertEquals("####################", column(t, 5, Led.LINK));
    assertEquals("##########..........", column(t, 12, Led.LINK), "degraded: uploads fail");
    assertEquals("....................", column(t, 40, Led.LINK), "off: outage");
    assertEquals("##########..........", column(t, 40, Led.BACKLOG), "backlog of minutes");
    assertEquals("####################", column(t, 80, Led.LINK), "uploads succeed again");
    assertEquals("##########..........", column(t, 80, Led.BACKLOG), "still draining");
    assertEquals("....................", column(t, 105, Led.BACKLOG), "drained");
  }

  @Test
  void fullDisk() throws IOException {
    // A long outage, hours of backlog; at 10 s the spool starts evicting the oldest footage.
    List<String> t = run("full-disk", 30, s -> new BoxInputs(List.of(true), 0, true, true,
        OptionalDouble.of(7200 + s), true, false, OptionalDouble.of(7000 + s),
        s >= 10 ? OptionalDouble.of(0) : OptionalDouble.empty(), true, s, OptionalDouble.of(52.0), false));
    assertEquals("###..###..###..###..", column(t, 5, Led.BACKLOG), "hours of backlog: fast blink");
    assertEquals("....................", column(t, 5, Led.ERROR));
    assertEquals(3, flashes(t, 10, 13, Led.ERROR), "ERROR blinks code 3 (disk): 3 flashes every 3 s");
  }

  private List<String> run(String name, int seconds, IntFunction<BoxInputs> script) throws IOException {
    LedPanel panel = new LedPanel(new Pi4jLedLines(gpio, LedPinTable.DEFAULTS), clock::nanos);
    StatusLeds leds = new StatusLeds(panel, clock);
    List<String> lines = new ArrayList<>();
    Duration tick = Duration.ofMillis(1000 / SAMPLES_PER_S / 2);
    for (int s = 0; s < seconds; s++) {
      leds.show(script.apply(s).state());
      StringBuilder[] strips = new StringBuilder[Led.values().length];
      for (int i = 0; i < strips.length; i++) {
        strips[i] = new StringBuilder();
      }
      for (int k = 0; k < SAMPLES_PER_S; k++) {
        panel.tick();
        for (Led led : Led.values()) {
          DigitalOutput out = gpio.registry().get(Pi4jLedLines.ioId(led), DigitalOutput.class);
          strips[led.ordinal()].append(out.state() == DigitalState.HIGH ? '#' : '.');
        }
        clock.advance(tick);
        panel.tick();
        clock.advance(tick);
      }
      StringBuilder line = new StringBuilder(String.format("%4d s", s));
      for (StringBuilder strip : strips) {
        line.append("  ").append(strip);
      }
      lines.add(line.toString());
    }
    write(name, lines);
    return lines;
  }

  private static void write(String name, List<String> lines) throws IOException {
    Files.createDirectories(OUT);
    List<String> out = new ArrayList<>();
    out.add("# " + name + ": GPIO levels of Pi4J's mock outputs (BCM 17 POWER, 27 LINK, 22 RECORDING, 23 BACKLOG,"
        + " 24 ERROR), one line a second, 50 ms a character, # high");
    out.add(String.format("%6s  %-20s  %-20s  %-20s  %-20s  %-20s", "t", "POWER", "LINK", "RECORDING", "BACKLOG",
        "ERROR"));
    out.addAll(lines);
    Files.write(OUT.resolve(name + ".txt"), out);
  }

  private static String column(List<String> timeline, int second, Led led) {
    return timeline.get(second).substring(6).split("  ")[led.ordinal() + 1];
  }

  /** Dark-to-lit edges of one LED from second {@code from} up to {@code to}. */
  private static int flashes(List<String> timeline, int from, int to, Led led) {
    StringBuilder levels = new StringBuilder(".");
    for (int s = from; s < to; s++) {
      levels.append(column(timeline, s, led));
    }
    return levels.toString().split("\\.#", -1).length - 1;
  }

  private static String strip(List<String> timeline, int second) {
    return timeline.get(second).substring(6);
  }

  private static String all(char c) {
    String one = String.valueOf(c).repeat(SAMPLES_PER_S);
    return ("  " + one).repeat(Led.values().length);
  }
}
