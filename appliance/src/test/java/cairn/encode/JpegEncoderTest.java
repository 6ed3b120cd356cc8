package cairn.encode;

import static org.junit.jupiter.api.Assertions.*;

import cairn.capture.Frame;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JpegEncoderTest {
  private static Frame noisy(int w, int h) {
    byte[] px = new byte[Frame.i420Size(w, h)];
    new Random(7).nextBytes(px);
    return new Frame("cam1", 0, w, h, px, 0, 0);
  }

  @Test
  void fitsTheCapByLoweringQualityThenSize() throws IOException {
    JpegEncoder.Jpeg big = JpegEncoder.encode(noisy(640, 480), 1 << 20);
    assertEquals(640, big.width());
    assertEquals(3, big.qscale());
    JpegEncoder.Jpeg small = JpegEncoder.encode(noisy(640, 480), 16 << 10);
    assertTrue(small.bytes().length <= 16 << 10, "bytes " + small.bytes().length);
    assertTrue(small.width() < 640 || small.qscale() > 3);
    assertEquals((byte) 0xff, small.bytes()[0]);
    assertEquals((byte) 0xd8, small.bytes()[1]);
    assertEquals((byte) 0xd9, small.bytes()[small.bytes().length - 1]);
  }

  @Test
  void saysSoWhenNothingFits() {
    IOException e = assertThrows(IOException.class, () -> JpegEncoder.encode(noisy(640, 480), 200));
    assertEquals("no JPEG of this picture fits in 200 bytes", e.getMessage());
  }
}
