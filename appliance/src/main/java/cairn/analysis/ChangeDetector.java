package cairn.analysis;

import java.util.Arrays;

/**
 * Scores how much of the picture changed against a reference: the share of tiles whose mean
 * absolute difference exceeds a noise-adaptive threshold.
 *
 * <p>Two things must not count as change. Sensor noise: the threshold is {@code noiseFactor} times
 * the typical difference of still tiles, learnt continuously from the quietest half of the tiles.
 * Light that changes over the whole picture (clouds, dusk, auto exposure): the mean difference of
 * the picture is subtracted first. Not thread-safe; one per camera.
 */
public final class ChangeDetector {
  static final int TILE = 8;
  /** Differences this small are never change, however quiet the camera: 8-bit rounding. */
  private static final double MIN_THRESHOLD = 2.0;

  private final double noiseFactor;
  private double noise = -1;

  public ChangeDetector(double noiseFactor) {
    this.noiseFactor = noiseFactor;
  }

  /** Share of tiles in [0, 1] that changed between {@code reference} and {@code current}. */
  public double score(GreyImage reference, GreyImage current) {
    int w = current.width();
    int h = current.height();
    byte[] a = reference.pixels();
    byte[] b = current.pixels();
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (b[i] & 0xff) - (a[i] & 0xff);
    }
    double shift = (double) sum / a.length;
    int tilesX = Math.max(1, w / TILE);
    int tilesY = Math.max(1, h / TILE);
    double[] tileDiff = new double[tilesX * tilesY];
    for (int ty = 0; ty < tilesY; ty++) {
      for (int tx = 0; tx < tilesX; tx++) {
        double s = 0;
        int n = 0;
        for (int y = ty * TILE; y < Math.min(h, (ty + 1) * TILE); y++) {
          for (int x = tx * TILE, i = y * w + x; x < Math.min(w, (tx + 1) * TILE); x++, i++) {
            s += Math.abs((b[i] & 0xff) - (a[i] & 0xff) - shift);
            n++;
          }
        }
        tileDiff[ty * tilesX + tx] = s / n;
      }
    }
    double[] sorted = tileDiff.clone();
    Arrays.sort(sorted);
    double quiet = sorted[sorted.length / 4];
    // Learn the noise floor slowly upward (a passing crowd must not raise it) and quickly downward.
    noise = noise < 0 ? quiet : (quiet < noise ? 0.7 * noise + 0.3 * quiet : 0.98 * noise + 0.02 * quiet);
    double threshold = Math.max(MIN_THRESHOLD, noiseFactor * noise);
    int changed = 0;
    for (double d : tileDiff) {
      if (d > threshold) {
        changed++;
      }
    }
    return (double) changed / tileDiff.length;
  }

  /** The current estimate of a still tile's difference, in grey levels. */
  public double noise() {
    return noise;
  }
}
