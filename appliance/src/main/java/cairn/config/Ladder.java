package cairn.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** A camera's rungs, best first (strictly falling bitrate). Index 0 is the top rung. */
public record Ladder(List<Rung> rungs) {
  /**
   * For a fixed camera, whose scene mostly stands still, fewer frames cost less than fewer pixels:
   * on the office clip at 280 kbit/s and 12 fps, SSIM is 0.978 at 720p, 0.972 at 540p, 0.954 at
   * 360p (test-rig/results/2026-11-21-issue4/README.md). So the camera keeps its size down to
   * 170@8, and only the last rungs, where a key frame at full size would not fit, go to 540p.
   */
  public static final String DEFAULT = "2500@30, 2000@30, 1600@30, 1300@30, 1050@30, 850@25, 700@25, 560@20,"
      + " 450@20, 360@15, 280@12, 220@10, 170@8, 130@6/540, 100@5/540, 60@2/540";

  public Ladder {
    if (rungs.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one rung");
    }
    for (int i = 1; i < rungs.size(); i++) {
      if (rungs.get(i).kbps() >= rungs.get(i - 1).kbps()) {
        throw new IllegalArgumentException("rungs must fall in bitrate, best first: " + rungs.get(i - 1) + " then "
            + rungs.get(i));
      }
    }
    rungs = List.copyOf(rungs);
  }

  /** Parses comma-separated rungs, best first. */
  public static Ladder parse(String text) {
    List<Rung> list = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        list.add(Rung.parse(part));
      }
    }
    return new Ladder(list);
  }

  public Rung get(int index) {
    return rungs.get(index);
  }

  public int size() {
    return rungs.size();
  }

  public int bottom() {
    return rungs.size() - 1;
  }

  /** The best rung whose bitrate is at most {@code kbps}; the bottom rung if none is. */
  public int bestWithin(double kbps) {
    for (int i = 0; i < rungs.size(); i++) {
      if (rungs.get(i).kbps() <= kbps) {
        return i;
      }
    }
    return bottom();
  }

  /** The rungs from {@code kbps} down: a fixed rate is a ladder of one. */
  public static Ladder fixed(int kbps) {
    return new Ladder(Collections.singletonList(new Rung(kbps, 0, 0)));
  }

  @Override
  public String toString() {
    return rungs.stream().map(Rung::toString).collect(Collectors.joining(", "));
  }
}
