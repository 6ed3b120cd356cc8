package cairn.encode;

/**
 * What the rate controller asks of one camera: a bitrate cap in kbit/s (the encoder aims at a
 * quality and never goes above it), a frame-rate cap (0 = the camera's)
 * and a coded size (0 = the camera's). A height with width 0 keeps the camera's aspect.
 */
public record EncodingTarget(int maxKbps, double maxFps, int width, int height) {
  /** The coded size for pictures of {@code w}x{@code h}; {0, 0} for the pictures' own. Never larger. */
  public int[] sizeFor(int w, int h) {
    if (height <= 0 || height >= h) {
      return new int[] {0, 0};
    }
    int wide = width > 0 ? Math.min(width, w) : (int) Math.round((double) w * height / h);
    return new int[] {wide & ~1, height & ~1};
  }
}
