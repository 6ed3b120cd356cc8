package cairn.capture;

/**
 * One captured picture in I420 (Y plane, then U, then V; no padding). {@code captureNanos} is
 * Cairn's own monotonic capture time — cameras' timestamps are not trusted — and {@code wallMillis}
 * the wall clock at the same moment, which may be wrong until the clock is synchronised.
 *
 * <p>The pixel array is owned by whoever holds the frame; stages that keep it copy it.
 */
public record Frame(String camera, long index, int width, int height, byte[] i420, long captureNanos,
    long wallMillis) {

  public Frame {
    if ((width & 1) != 0 || (height & 1) != 0 || i420.length != i420Size(width, height)) {
      throw new IllegalArgumentException("bad I420 frame " + width + "x" + height + " of " + i420.length + " bytes");
    }
  }

  public static int i420Size(int width, int height) {
    return width * height * 3 / 2;
  }

  public Frame withI420(byte[] pixels) {
    return new Frame(camera, index, width, height, pixels, captureNanos, wallMillis);
  }
}
