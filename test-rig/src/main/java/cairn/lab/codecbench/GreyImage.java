package cairn.lab.codecbench;

/**
 * An 8-bit grey (luma) picture, row-major with stride = width; the array is owned by whoever built
 * the record and must not be changed after it is shared.
 */
public record GreyImage(int width, int height, byte[] pixels) {

    /** Luma of video-range black, what a viewer sees before the first frame arrives. */
    public static final int BLACK_LUMA = 16;

    public GreyImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(
                    "expected " + width * height + " pixels for " + width + "x" + height + ", got " + pixels.length);
        }
    }

    public static GreyImage filled(int width, int height, int luma) {
        byte[] pixels = new byte[width * height];
        java.util.Arrays.fill(pixels, (byte) luma);
        return new GreyImage(width, height, pixels);
    }

    public int at(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }

    public boolean sameSize(GreyImage other) {
        return width == other.width && height == other.height;
    }

    /** Bilinear resize, as a player scales a smaller stream to the window; returns this if the size matches. */
    public GreyImage scaledTo(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        byte[] out = new byte[newWidth * newHeight];
        double sx = (double) width / newWidth;
        double sy = (double) height / newHeight;
        for (int y = 0; y < newHeight; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double wy = fy - y0;
            for (int x = 0; x < newWidth; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                double wx = fx - x0;
                double top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
                double bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
                out[y * newWidth + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
            }
        }
        return new GreyImage(newWidth, newHeight, out);
    }
}
