package cairn.encode;

/**
 * What the rate controller asks of one camera: a bitrate cap in kbit/s, a frame-rate cap (0 = the
 * camera's) and a coded size (0 = the camera's).
 */
public record EncodingTarget(int maxKbps, double maxFps, int width, int height) {}
