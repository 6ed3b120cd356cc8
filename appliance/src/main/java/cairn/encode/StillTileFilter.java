package cairn.encode;

import java.util.Arrays;

/**
 * Conditional replenishment before the encoder: each 16x16 macroblock that has not changed
 * beyond sensor noise since it was last sent is replaced by the pixels last sent for it. The
 * encoder then sees identical blocks, codes them as skips, and spends no bits re-sending noise.
 *
 * <p>A block counts as changed when its mean absolute difference from what was sent exceeds the
 * noise level by a margin, or when any 4x4 corner of it moved on average (a small object). The
 * noise level is learnt from the quietest quarter of the blocks. Key frames (and whatever the
 * caller passes unchanged) reset what was sent. One camera, one thread.
 */
public final class StillTileFilter {
  private static final int MB = 16;
  private static final int SUB = 4;

  private byte[] sent;
  private int width;
  private int height;
  private double noise = -1;
  private long frozenBlocks;
  private long totalBlocks;

  /**
   * Returns the picture to encode: {@code i420} itself when it is to pass unchanged (a key frame,
   * or the caller's choice), which also becomes what was sent; else a filtered copy.
   */
  public byte[] apply(byte[] i420, int w, int h, boolean passUnchanged) {
    if (passUnchanged || sent == null || w != width || h != height) {
      sent = i420.clone();
      width = w;
      height = h;
      return i420;
    }
    int cols = w / MB;
    int rows = h / MB;
    double[] mad = new double[cols * rows];
    double[] subMax = new double[cols * rows];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        measure(i420, r, c, mad, subMax, cols);
      }
    }
    double[] sorted = mad.clone();
    Arrays.sort(sorted);
    double quiet = sorted[sorted.length / 4];
    noise = noise < 0 ? quiet : (quiet < noise ? 0.7 * noise + 0.3 * quiet : 0.95 * noise + 0.05 * quiet);
    double madLimit = 1.3 * noise + 0.75;
    double subLimit = Math.max(3.0, 2.0 * noise);
    byte[] out = i420.clone();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        int b = r * cols + c;
        boolean changed = mad[b] > madLimit || subMax[b] > subLimit;
        copyBlock(changed ? i420 : sent, changed ? sent : out, r, c);
        if (!changed) {
          frozenBlocks++;
        }
      }
    }
    totalBlocks += (long) rows * cols;
    return out;
  }

  private void measure(byte[] px, int r, int c, double[] mad, double[] subMax, int cols) {
    int sum = 0;
    int worst = 0;
    for (int sy = 0; sy < MB; sy += SUB) {
      for (int sx = 0; sx < MB; sx += SUB) {
        int signed = 0;
        for (int y = 0; y < SUB; y++) {
          int i = (r * MB + sy + y) * width + c * MB + sx;
          for (int x = 0; x < SUB; x++, i++) {
            int d = (px[i] & 0xff) - (sent[i] & 0xff);
            signed += d;
            sum += d < 0 ? -d : d;
          }
        }
        worst = Math.max(worst, Math.abs(signed));
      }
    }
    mad[r * cols + c] = sum / (double) (MB * MB);
    subMax[r * cols + c] = worst / (double) (SUB * SUB);
  }

  /** Copies one macroblock (luma and both chroma planes) from {@code src} into {@code dst}. */
  private void copyBlock(byte[] src, byte[] dst, int r, int c) {
    for (int y = 0; y < MB; y++) {
      int i = (r * MB + y) * width + c * MB;
      System.arraycopy(src, i, dst, i, MB);
    }
    int cw = width / 2;
    int lumaSize = width * height;
    int chromaSize = lumaSize / 4;
    for (int plane = 0; plane < 2; plane++) {
      int base = lumaSize + plane * chromaSize;
      for (int y = 0; y < MB / 2; y++) {
        int i = base + (r * MB / 2 + y) * cw + c * MB / 2;
        System.arraycopy(src, i, dst, i, MB / 2);
      }
    }
  }

  /** Share of macroblocks sent unchanged so far, for health and benchmarks. */
  public double frozenShare() {
    return totalBlocks == 0 ? 0 : (double) frozenBlocks / totalBlocks;
  }
}
