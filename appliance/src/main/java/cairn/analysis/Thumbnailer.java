package cairn.analysis;

import cairn.capture.Frame;

/**
 * Makes the small grey copy every decision is taken on: the luma plane box-averaged by a whole
 * factor to about {@value #TARGET_WIDTH} pixels wide. Averaging also divides sensor noise by the
 * factor, which keeps the change score steady on noisy cameras.
 */
public final class Thumbnailer {
  public static final int TARGET_WIDTH = 160;

  private Thumbnailer() {}

  public static GreyImage of(Frame f) {
    int factor = Math.max(1, Math.round(f.width() / (float) TARGET_WIDTH));
    int w = f.width() / factor;
    int h = f.height() / factor;
    byte[] src = f.i420();
    byte[] out = new byte[w * h];
    int[] rowSums = new int[w];
    int area = factor * factor;
    for (int ty = 0; ty < h; ty++) {
      java.util.Arrays.fill(rowSums, 0);
      for (int dy = 0; dy < factor; dy++) {
        int row = (ty * factor + dy) * f.width();
        for (int tx = 0, x = row; tx < w; tx++) {
          int s = 0;
          for (int dx = 0; dx < factor; dx++) {
            s += src[x++] & 0xff;
          }
          rowSums[tx] += s;
        }
      }
      for (int tx = 0; tx < w; tx++) {
        out[ty * w + tx] = (byte) ((rowSums[tx] + area / 2) / area);
      }
    }
    return new GreyImage(w, h, out);
  }
}
