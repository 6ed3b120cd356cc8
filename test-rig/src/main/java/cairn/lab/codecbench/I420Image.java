package cairn.lab.codecbench;

import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * A planar YUV 4:2:0 picture with its three planes packed without padding: Y (stride = width),
 * then U and V (stride = ceil(width / 2), ceil(height / 2) rows each).
 */
public record I420Image(int width, int height, byte[] data) {

    public I420Image {
        if (data.length != size(width, height)) {
            throw new IllegalArgumentException("expected " + size(width, height) + " bytes of I420 for "
                    + width + "x" + height + ", got " + data.length);
        }
    }

    public static int size(int width, int height) {
        return width * height + 2 * chromaWidth(width) * chromaHeight(height);
    }

    public static int chromaWidth(int width) {
        return (width + 1) / 2;
    }

    public static int chromaHeight(int height) {
        return (height + 1) / 2;
    }

    /**
     * Copies a frame grabbed as {@code AV_PIX_FMT_YUV420P}. JavaCV packs the planes into one buffer
     * but may pad the luma stride ({@code imageStride}) to 64 bytes, and the chroma stride with it.
     */
    public static I420Image copyOf(Frame frame) {
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        int stride = frame.imageStride;
        ByteBuffer buffer = ((ByteBuffer) frame.image[0]).duplicate();
        buffer.clear();
        byte[] out = new byte[size(w, h)];
        int cw = chromaWidth(w);
        int ch = chromaHeight(h);
        int chromaStride = (stride + 1) / 2;
        if (stride == w) {
            buffer.get(0, out, 0, out.length);
        } else {
            copyPlane(buffer, 0, stride, w, h, out, 0);
            copyPlane(buffer, stride * h, chromaStride, cw, ch, out, w * h);
            copyPlane(buffer, stride * h + chromaStride * ch, chromaStride, cw, ch, out, w * h + cw * ch);
        }
        return new I420Image(w, h, out);
    }

    private static void copyPlane(ByteBuffer src, int offset, int srcStride, int w, int h, byte[] dst, int dstOffset) {
        for (int row = 0; row < h; row++) {
            src.get(offset + row * srcStride, dst, dstOffset + row * w, w);
        }
    }

    public GreyImage luma() {
        return new GreyImage(width, height, java.util.Arrays.copyOf(data, width * height));
    }

    public int uOffset() {
        return width * height;
    }

    public int vOffset() {
        return width * height + chromaWidth(width) * chromaHeight(height);
    }
}
