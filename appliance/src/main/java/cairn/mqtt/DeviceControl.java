package cairn.mqtt;

import cairn.config.CairnConfig;
import cairn.config.ConfigValues;
import cairn.encode.EncodingTarget;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What remote commands may do to the rest of the box. The MQTT side owns this interface; the app
 * implements it, tests fake it. Calls come from the MQTT command thread, one at a time.
 */
public interface DeviceControl {
  /** The cameras that run, by name. */
  List<String> cameras();

  /**
   * The newest frame the camera delivered, as a JPEG of at most {@code maxBytes}; empty before the first.
   *
   * @throws IOException when the picture cannot be made that small
   */
  Optional<Snapshot> snapshot(String camera, int maxBytes) throws IOException;

  /** Closes the camera's pipeline (its open segment is kept) and starts a fresh one with the current config. */
  void restartPipeline(String camera);

  /**
   * Holds the camera at {@code target} for {@code duration}, whatever the rate controller asks
   * meanwhile; {@link Duration#ZERO} lifts the pin at once.
   */
  void pinTarget(String camera, EncodingTarget target, Duration duration);

  /** The config in force. */
  ConfigValues config();

  /**
   * Takes a changed config into use where that can happen while Cairn runs.
   *
   * @return those of {@code changed} that took effect now; the rest wait for a restart of Cairn
   */
  Set<String> reconfigure(CairnConfig config, Set<String> changed);

  /**
   * Uploads the camera's recorded segments overlapping {@code [from, to)} ahead of the backlog.
   *
   * @return how many are waiting to go; empty when there is no uplink
   */
  Optional<Integer> sendClipFirst(String camera, java.time.Instant from, java.time.Instant to);

  /**
   * Uploads a snapshot beside the camera's segments.
   *
   * @return its address on the server; empty when there is no uplink
   */
  Optional<String> uploadSnapshot(String camera, byte[] jpeg);

  /**
   * Starts an update from the manifest at {@code manifestUrl}, or at {@code ota.manifest_url} when empty; it runs
   * on its own thread and reports through events.
   *
   * @return the address it looks at, credentials masked
   * @throws IllegalStateException with one sentence when it cannot start (one is running, no address, no key)
   */
  String startUpdate(Optional<String> manifestUrl);

  /** Runs the configured system reboot command; returns once it has started. */
  void reboot() throws IOException;
}
