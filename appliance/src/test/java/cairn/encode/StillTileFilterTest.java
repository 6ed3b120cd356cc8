package cairn.encode;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StillTileFilterTest {
  private static final int W = 320;
  private static final int H = 240;
  private final Random rnd = new Random(3);

  private byte[] picture(double noise, int squareX) {
    byte[] px = new byte[W * H * 3 / 2];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        double v = 80 + (x + y) % 64 + rnd.nextGaussian() * noise;
        if (squareX >= 0 && x >= squareX && x < squareX + 32 && y >= 96 && y < 128) {
          v = 230;
        }
        px[y * W + x] = (byte) Math.max(0, Math.min(255, Math.round(v)));
      }
    }
    java.util.Arrays.fill(px, W * H, px.length, (byte) 128);
    return px;
  }

  @Test
  void noiseOnAStillSceneIsSentAsTheSamePixels() {
    StillTileFilter f = new StillTileFilter();
    byte[] first = f.apply(picture(3, -1), W, H, true);
    byte[] out = null;
    for (int i = 0; i < 10; i++) {
      out = f.apply(picture(3, -1), W, H, false);
    }
    assertArrayEquals(first, out);
    assertTrue(f.frozenShare() > 0.95);
  }

  @Test
  void aMovingObjectGetsThroughWithTheBlocksAroundItFrozen() {
    StillTileFilter f = new StillTileFilter();
    byte[] key = f.apply(picture(3, -1), W, H, true);
    for (int i = 0; i < 5; i++) {
      f.apply(picture(3, -1), W, H, false);
    }
    byte[] in = picture(3, 160);
    byte[] out = f.apply(in, W, H, false);
    int inside = 100 * W + 170;
    assertEquals(in[inside], out[inside], "the square is sent");
    int far = 10 * W + 10;
    assertEquals(key[far], out[far], "a block far from it is frozen");
  }

  @Test
  void aKeyFramePassesUnchanged() {
    StillTileFilter f = new StillTileFilter();
    f.apply(picture(3, -1), W, H, true);
    byte[] in = picture(3, 40);
    assertSame(in, f.apply(in, W, H, true));
  }
}
