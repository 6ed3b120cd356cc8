package cairn.mqtt;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Why a connection to the broker failed, in words an installer can act on. */
final class ConnectFailure {
  private ConnectFailure() {}

  /** One sentence on why a connection failed, for the log and for health. */
  static String describe(Throwable e, MqttSettings settings, int connectTimeoutS) {
    if (e instanceof MqttException me) {
      switch (me.getReasonCode()) {
        case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
          return settings.username().isEmpty() ? "the broker wants a user name and password"
              : "the broker refused user '" + settings.username() + "': bad user name or password";
        case MqttException.REASON_CODE_NOT_AUTHORIZED:
          // Mosquitto answers a wrong password with this code, not with the one above.
          return settings.username().isEmpty() ? "the broker wants a user name and password"
              : "the broker refused user '" + settings.username() + "': not authorised (wrong password, or the user"
                  + " may not connect)";
        case MqttException.REASON_CODE_INVALID_CLIENT_ID:
          return "the broker refused the client id '" + settings.deviceId() + "'";
        case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
          return "the broker says it is unavailable";
        case MqttException.REASON_CODE_CLIENT_TIMEOUT:
          return "no answer within " + connectTimeoutS + " s";
        default:
          break;
      }
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof ConnectException) {
      return "connection refused (is the broker running?)";
    }
    if (root instanceof UnknownHostException) {
      return "unknown host " + root.getMessage();
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to the broker";
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SSLException || t instanceof GeneralSecurityException) {
        return "TLS failed: " + root.getMessage();
      }
    }
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return root == e || root.getMessage() == null ? m : m + " (" + root.getMessage() + ")";
  }
}
