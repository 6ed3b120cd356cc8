package cairn.analysis;

import cairn.capture.Frame;
import java.util.Random;

/** Synthetic I420 frames for analysis tests: a textured scene, noise, a moving square, a light level. */
final class Images {
  static final int W = 320;
  static final int H = 240;

  private Images() {}

  static Frame scene(long index, long nanos, double noiseSigma, int squareX, int lightShift, Random rnd) {
    byte[] px = new byte[Frame.i420Size(W, H)];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double v = 60 + 100.0 * x / W + ((x / 20 + y / 20) % 2) * 30 + lightShift + rnd.nextGaussian() * noiseSigma;
        if (squareX >= 0 && x >= squareX && x < squareX + 40 && y >= 100 && y < 140) {
          v = 235;
        }
        px[y * W + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    java.util.Arrays.fill(px, W * H, px.length, (byte) 128);
    return new Frame("t", index, W, H, px, nanos, nanos / 1_000_000);
  }
}
