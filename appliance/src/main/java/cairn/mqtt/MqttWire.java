package cairn.mqtt;

import java.nio.charset.StandardCharsets;

/** Bytes MQTT 3.1.1 puts on the wire for a QoS 1 publish and its PUBACK (TCP/IP headers not included). */
final class MqttWire {
  private static final int PUBACK_BYTES = 4;

  private MqttWire() {}

  static long publishBytes(String topic, int payloadBytes) {
    long remaining = 2 + topic.getBytes(StandardCharsets.UTF_8).length + 2 + payloadBytes;
    int lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
    return 1 + lengthBytes + remaining + PUBACK_BYTES;
  }
}
