package cairn.app;

import cairn.bus.Topic;
import cairn.health.BoxState;
import cairn.supervise.Supervisor;
import cairn.time.SystemClock;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code cairn --config-error-leds}: with a cairn.conf that does not validate, Cairn does not record,
 * and an installer without a screen must still see why. This shows the lamp test, then the POWER
 * heartbeat and the ERROR LED's code 1 (config), until stopped. The image runs it when cairn-boot
 * found the config wrong (cairn-config-error.service).
 */
final class ConfigErrorLeds {
  /** Nothing records, nothing uploads, the config is the problem. */
  static final BoxState STATE = new BoxState(BoxState.Link.NONE, BoxState.Recording.NONE, BoxState.Backlog.NONE,
      Optional.of(BoxState.Problem.CONFIG));

  private ConfigErrorLeds() {}

  /** Drives the LEDs until the process is stopped (SIGTERM). */
  static void runUntilStopped() throws InterruptedException {
    SystemClock clock = new SystemClock();
    Supervisor supervisor = new Supervisor(clock, RandomGenerator.getDefault());
    Topic<BoxState> states = new Topic<>("box state");
    LedStartup leds = new LedStartup();
    leds.start(supervisor, clock, states);
    states.publish(STATE);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      supervisor.stop("leds", Duration.ofSeconds(1));
      leds.close();
      Runtime.getRuntime().halt(0); // a stop asked for is a success, not the JVM's 143
    }, "shutdown"));
    Thread.currentThread().join();
  }
}
