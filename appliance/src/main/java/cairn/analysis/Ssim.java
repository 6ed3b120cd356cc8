package cairn.analysis;

/**
 * Structural similarity of two grey pictures of one size, in [-1, 1] (1 = identical): the mean of
 * SSIM over 8x8 windows stepped by 4 pixels, with the usual constants for 8-bit values.
 */
public final class Ssim {
  private static final double C1 = (0.01 * 255) * (0.01 * 255);
  private static final double C2 = (0.03 * 255) * (0.03 * 255);
  private static final int WINDOW = 8;
  private static final int STEP = 4;

  private Ssim() {}

  public static double mean(GreyImage a, GreyImage b) {
    if (a.width() != b.width() || a.height() != b.height()) {
      throw new IllegalArgumentException("pictures differ in size");
    }
    int w = a.width();
    byte[] pa = a.pixels();
    byte[] pb = b.pixels();
    double total = 0;
    int windows = 0;
    for (int y = 0; y + WINDOW <= a.height(); y += STEP) {
      for (int x = 0; x + WINDOW <= w; x += STEP) {
        long sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        for (int dy = 0; dy < WINDOW; dy++) {
          int i = (y + dy) * w + x;
          for (int dx = 0; dx < WINDOW; dx++, i++) {
            int va = pa[i] & 0xff;
            int vb = pb[i] & 0xff;
            sa += va;
            sb += vb;
            saa += va * va;
            sbb += vb * vb;
            sab += va * vb;
          }
        }
        double n = WINDOW * WINDOW;
        double ma = sa / n, mb = sb / n;
        double va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb;
        total += ((2 * ma * mb + C1) * (2 * cov + C2)) / ((ma * ma + mb * mb + C1) * (va + vb + C2));
        windows++;
      }
    }
    return windows == 0 ? 1.0 : total / windows;
  }
}
