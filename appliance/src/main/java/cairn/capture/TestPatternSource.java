package cairn.capture;

import cairn.time.Ticker;
import java.io.IOException;
import java.util.Random;

/**
 * A synthetic camera: a fixed scene with mild sensor noise and, depending on the pattern, a box
 * that moves across it. {@code alternate} is 20 s still, then 10 s moving, repeating — enough to
 * watch Cairn switch between its idle and full frame rates.
 */
public final class TestPatternSource implements FrameSource {
  public enum Pattern { MOVING, STILL, ALTERNATE }

  private static final int NOISE_TABLE = 1 << 20;

  private final String camera;
  private final int width;
  private final int height;
  private final double fps;
  private final Pattern pattern;
  private final Ticker ticker;
  private final Pacer pacer;
  private byte[] background;
  private byte[] noise;
  private final Random random = new Random(42);
  private long index;

  public TestPatternSource(String camera, int width, int height, double fps, Pattern pattern, Ticker ticker) {
    this.camera = camera;
    this.width = width;
    this.height = height;
    this.fps = fps;
    this.pattern = pattern;
    this.ticker = ticker;
    this.pacer = new Pacer(ticker);
  }

  @Override
  public void open() {
    background = new byte[Frame.i420Size(width, height)];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int stripe = ((x / Math.max(1, width / 8)) + (y / Math.max(1, height / 6))) % 2 == 0 ? 40 : 0;
        background[y * width + x] = (byte) (40 + (150 * x / width) + stripe);
      }
    }
    int chroma = width * height / 4;
    for (int i = 0; i < chroma; i++) {
      background[width * height + i] = (byte) (118 + (i % (width / 2)) * 20 / (width / 2));
      background[width * height + chroma + i] = (byte) (128 + (i / (width / 2)) * 20 / (height / 2));
    }
    noise = new byte[NOISE_TABLE];
    for (int i = 0; i < NOISE_TABLE; i++) {
      noise[i] = (byte) Math.round(random.nextGaussian() * 1.5);
    }
  }

  @Override
  public Frame grab() throws IOException {
    long mediaNanos = (long) (index * 1e9 / fps);
    long captureNanos = pacer.await(mediaNanos);
    long wall = System.currentTimeMillis();
    byte[] px = background.clone();
    int offset = random.nextInt(NOISE_TABLE);
    int lumaSize = width * height;
    for (int i = 0; i < lumaSize; i++) {
      int v = (px[i] & 0xff) + noise[(offset + i) & (NOISE_TABLE - 1)];
      px[i] = (byte) (v < 0 ? 0 : Math.min(255, v));
    }
    double t = index / fps;
    if (moving(t)) {
      drawBox(px, t);
    }
    return new Frame(camera, index++, width, height, px, captureNanos, wall);
  }

  private boolean moving(double t) {
    return switch (pattern) {
      case MOVING -> true;
      case STILL -> false;
      case ALTERNATE -> (t % 30.0) >= 20.0;
    };
  }

  private void drawBox(byte[] px, double t) {
    int size = Math.max(8, height / 5) & ~1;
    int travelX = width - size;
    int travelY = height - size;
    double phase = t * 0.25;
    int x0 = (int) (travelX * (0.5 + 0.5 * Math.sin(2 * Math.PI * phase))) & ~1;
    int y0 = (int) (travelY * (0.5 + 0.5 * Math.sin(2 * Math.PI * phase * 0.7))) & ~1;
    for (int y = y0; y < y0 + size; y++) {
      for (int x = x0; x < x0 + size; x++) {
        px[y * width + x] = (byte) (((x - x0) / 8 + (y - y0) / 8) % 2 == 0 ? 235 : 30);
      }
    }
    int cw = width / 2;
    int lumaSize = width * height;
    int chroma = lumaSize / 4;
    for (int y = y0 / 2; y < (y0 + size) / 2; y++) {
      for (int x = x0 / 2; x < (x0 + size) / 2; x++) {
        px[lumaSize + y * cw + x] = (byte) 90;
        px[lumaSize + chroma + y * cw + x] = (byte) 200;
      }
    }
  }

  @Override
  public String describe() {
    return "testsrc " + width + "x" + height + "@" + fps + " " + pattern.name().toLowerCase();
  }

  @Override
  public void close() {
    background = null;
  }
}
