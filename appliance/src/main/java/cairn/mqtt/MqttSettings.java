package cairn.mqtt;

import static cairn.config.ConfigSchema.*;

import cairn.config.CairnConfig;
import cairn.config.ConfigValues;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code [mqtt]} section, typed; read from the validated config, so every value is already in range. */
public record MqttSettings(
    List<String> urls,
    String deviceId,
    Topics topics,
    String username,
    String password,
    Optional<Path> caFile,
    Optional<Path> clientCert,
    Optional<Path> clientKey,
    int keepAliveS,
    double retryMaxS,
    double healthIntervalS,
    double motionHoldS,
    int outboxMessages,
    int snapshotMaxBytes,
    Optional<String> hmacKey,
    boolean discovery,
    String discoveryPrefix) {

  public static MqttSettings from(CairnConfig c) {
    ConfigValues v = c.values();
    String url = v.get(MQTT_URL);
    return new MqttSettings(
        url.isEmpty() ? List.of() : List.of(url.split(",")),
        c.deviceId(),
        new Topics(v.get(MQTT_TOPIC_PREFIX) + "/" + c.deviceId()),
        v.get(MQTT_USERNAME),
        v.get(MQTT_PASSWORD),
        file(v.get(MQTT_CA_FILE)),
        file(v.get(MQTT_CLIENT_CERT)),
        file(v.get(MQTT_CLIENT_KEY)),
        (int) Math.round(v.get(MQTT_KEEPALIVE)),
        v.get(MQTT_RETRY_MAX),
        v.get(MQTT_HEALTH_INTERVAL),
        v.get(MQTT_MOTION_HOLD),
        v.get(MQTT_OUTBOX_MESSAGES),
        (int) (long) v.get(MQTT_SNAPSHOT_MAX),
        v.get(MQTT_HMAC_KEY).isEmpty() ? Optional.empty() : Optional.of(v.get(MQTT_HMAC_KEY)),
        v.get(MQTT_DISCOVERY),
        v.get(MQTT_DISCOVERY_PREFIX));
  }

  public boolean enabled() {
    return !urls.isEmpty();
  }

  private static Optional<Path> file(String p) {
    if (p.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(p.equals("~") || p.startsWith("~/") ? Path.of(System.getProperty("user.home") + p.substring(1))
        : Path.of(p));
  }
}
