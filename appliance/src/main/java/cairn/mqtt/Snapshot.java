package cairn.mqtt;

/** A camera's newest picture as a JPEG, ready to publish; the app encodes it, MQTT only carries it. */
public record Snapshot(byte[] jpeg, int width, int height, int qscale, long capturedAtMillis) {}
