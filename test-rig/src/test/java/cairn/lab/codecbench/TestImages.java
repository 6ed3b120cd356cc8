package cairn.lab.codecbench;

import java.util.Random;

/** Deterministic pictures for tests: smooth gradients with a pattern, and noisy copies. */
final class TestImages {

    private TestImages() {}

    static GreyImage pattern(int width, int height, int phase) {
        byte[] pixels = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = 128 + 60 * Math.sin((x + phase) / 9.0) + 40 * Math.cos((y - phase) / 13.0);
                pixels[y * width + x] = (byte) Math.max(0, Math.min(255, (int) value));
            }
        }
        return new GreyImage(width, height, pixels);
    }

    static GreyImage withNoise(GreyImage image, double sigma, long seed) {
        Random random = new Random(seed);
        byte[] out = image.pixels().clone();
        for (int i = 0; i < out.length; i++) {
            int value = (int) Math.round((out[i] & 0xff) + random.nextGaussian() * sigma);
            out[i] = (byte) Math.max(0, Math.min(255, value));
        }
        return new GreyImage(image.width(), image.height(), out);
    }
}
