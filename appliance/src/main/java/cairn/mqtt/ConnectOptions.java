package cairn.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * Paho's connect options for Cairn: MQTT 3.1.1, a persistent session (QoS 1 messages survive a
 * reconnect), our own reconnect loop rather than Paho's, and the retained {@code offline} will.
 */
final class ConnectOptions {
  private ConnectOptions() {}

  /** Options for a connection as {@code settings} say; TLS when any URL is {@code ssl://}. */
  static MqttConnectOptions of(MqttSettings settings, int connectTimeoutS, int maxInFlight)
      throws IOException, GeneralSecurityException {
    MqttConnectOptions o = new MqttConnectOptions();
    o.setServerURIs(settings.urls().toArray(new String[0]));
    o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    o.setCleanSession(false);
    o.setAutomaticReconnect(false);
    o.setKeepAliveInterval(settings.keepAliveS());
    o.setConnectionTimeout(connectTimeoutS);
    o.setMaxInflight(maxInFlight);
    o.setWill(settings.topics().state(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
    if (!settings.username().isEmpty()) {
      o.setUserName(settings.username());
      o.setPassword(settings.password().toCharArray());
    }
    if (settings.urls().stream().anyMatch(u -> u.startsWith("ssl://"))) {
      SocketFactory sockets = TlsSockets.create(settings.caFile(), settings.clientCert(), settings.clientKey());
      o.setSocketFactory(sockets);
      o.setHttpsHostnameVerificationEnabled(true);
    }
    return o;
  }
}
