package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.config.ConfigLoader;
import java.net.ConnectException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

class ConnectFailureTest {
  private static MqttSettings settings(String... sets) throws Exception {
    return MqttSettings.from(ConfigLoader.load(Optional.empty(), List.of(sets)));
  }

  @Test
  void saysWhatAnInstallerCanActOn() throws Exception {
    MqttSettings anonymous = settings("mqtt.url=tcp://127.0.0.1:1883");
    MqttSettings user = settings("mqtt.url=tcp://127.0.0.1:1883", "mqtt.username=cam", "mqtt.password=x");
    MqttException refused = new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION,
        new ConnectException("Connection refused"));
    assertEquals("connection refused (is the broker running?)", ConnectFailure.describe(refused, anonymous, 30));
    assertEquals("the broker refused user 'cam': not authorised (wrong password, or the user may not connect)",
        ConnectFailure.describe(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED), user, 30));
    assertEquals("the broker wants a user name and password",
        ConnectFailure.describe(new MqttException(MqttException.REASON_CODE_NOT_AUTHORIZED), anonymous, 30));
    assertEquals("no answer within 30 s",
        ConnectFailure.describe(new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT), anonymous, 30));
    assertEquals("TLS failed: PKIX path building failed", ConnectFailure.describe(new MqttException(
        MqttException.REASON_CODE_CLIENT_EXCEPTION, new SSLHandshakeException("PKIX path building failed")),
        anonymous, 30));
  }
}
