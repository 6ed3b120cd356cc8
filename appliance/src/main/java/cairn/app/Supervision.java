package cairn.app;

import cairn.config.CairnConfig.UplinkConfig;
import cairn.config.CameraConfig;
import cairn.supervise.StagePolicy;
import java.time.Duration;

/**
 * How each stage of the appliance is supervised: its check-in deadline, whether a stuck one stops
 * the watchdog, its longest restart pause. Deadlines are generous: a false "stuck" restarts the box.
 */
final class Supervision {
  /** x264 takes milliseconds a frame here, a Pi 3 tens of ms; ten seconds without one is a hang. */
  static final StagePolicy ENCODER = StagePolicy.critical(Duration.ofSeconds(10), Duration.ofSeconds(30));
  /** A step every 250 ms. */
  static final StagePolicy RATE = StagePolicy.critical(Duration.ofSeconds(10), Duration.ofSeconds(30));
  /** Paho connects asynchronously; the link's thread waits at most a few seconds on anything. */
  static final StagePolicy MQTT = StagePolicy.critical(Duration.ofSeconds(120), Duration.ofSeconds(30));
  /** The LEDs help a person on site, but a box that records and uploads must not restart for them. */
  static final StagePolicy LEDS = StagePolicy.optional(Duration.ofSeconds(10), Duration.ofSeconds(30));
  /** How often an executor-driven part (MQTT, LEDs) is asked to run a no-op. */
  static final Duration PROBE_PERIOD = Duration.ofSeconds(5);

  private Supervision() {}

  /** A frame at least every 20 s, or the camera is reopened; an RTSP open is bounded well below that. */
  static StagePolicy capture(CameraConfig cam) {
    return StagePolicy.critical(Duration.ofSeconds(20), Duration.ofMillis((long) (cam.retryMaxS() * 1000)));
  }

  /** A request finishes within its timeouts, and a failed one waits at most retry_max before the next. */
  static StagePolicy uplink(UplinkConfig u) {
    double seconds = u.retryMaxS() + 3 * (u.connectTimeoutS() + u.timeoutS()) + 30;
    return StagePolicy.critical(Duration.ofMillis((long) (seconds * 1000)), Duration.ofSeconds(30));
  }
}
