package cairn.config;

import java.util.Locale;

/**
 * One step of a camera's ladder: a bitrate the encoder aims at, a frame-rate cap (0: the camera's)
 * and a coded height (0: the camera's; the width follows the camera's aspect). Written
 * {@code KBPS@FPS} or {@code KBPS@FPS/HEIGHT}, e.g. {@code 700@20/540}.
 */
public record Rung(int kbps, double fps, int height) {
  public Rung {
    if (kbps < 16 || kbps > 50_000) {
      throw new IllegalArgumentException("a rung's bitrate must be 16 to 50000 kbit/s, got " + kbps);
    }
    if (!(fps >= 0 && fps <= 120)) {
      throw new IllegalArgumentException("a rung's frame rate must be 0 to 120, got " + fps);
    }
    if (height < 0 || height > 4096) {
      throw new IllegalArgumentException("a rung's height must be 0 to 4096, got " + height);
    }
  }

  /** Parses {@code KBPS@FPS[/HEIGHT]}; the message says what is wrong. */
  public static Rung parse(String text) {
    String s = text.strip();
    if (!s.matches("\\d{1,5}@\\d{1,3}(\\.\\d{1,2})?(/\\d{1,4})?")) {
      throw new IllegalArgumentException("'" + s + "' is not KBPS@FPS or KBPS@FPS/HEIGHT");
    }
    int at = s.indexOf('@');
    int slash = s.indexOf('/');
    int kbps = Integer.parseInt(s.substring(0, at));
    double fps = Double.parseDouble(s.substring(at + 1, slash < 0 ? s.length() : slash));
    int height = slash < 0 ? 0 : Integer.parseInt(s.substring(slash + 1));
    return new Rung(kbps, fps, height);
  }


  @Override
  public String toString() {
    String f = fps == Math.rint(fps) ? Long.toString((long) fps) : String.format(Locale.ROOT, "%.2f", fps);
    return kbps + "@" + f + (height > 0 ? "/" + height : "");
  }
}
