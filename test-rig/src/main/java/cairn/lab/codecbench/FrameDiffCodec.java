package cairn.lab.codecbench;

import java.io.IOException;

/**
 * Seed method "frame difference": a pixel is sent when its luma differs from the previous source
 * frame by more than {@value #THRESHOLD}; the first frame is sent whole. Payload of a later frame,
 * before zlib: a change mask of ceil(w·h / 8) bytes (one bit per pixel in raster order, most
 * significant bit first), then the new luma of each changed pixel in raster order. The viewer keeps
 * its previous picture and overwrites the sent pixels, so changes of up to 10 per frame are never
 * sent and can add up over time.
 */
public final class FrameDiffCodec {

    public static final int THRESHOLD = 10;

    private FrameDiffCodec() {}

    /** Compresses frames in order; holds the previous source frame. Not thread-safe. */
    public static final class Encoder {
        private GreyImage previous;

        public byte[] encode(GreyImage frame) {
            GreyImage before = previous;
            previous = frame;
            if (before == null) {
                return Zlib.compress(frame.pixels(), frame.pixels().length);
            }
            if (!before.sameSize(frame)) {
                throw new IllegalArgumentException("frame size changed from " + before.width() + "x" + before.height());
            }
            byte[] now = frame.pixels();
            byte[] then = before.pixels();
            int maskBytes = (now.length + 7) / 8;
            byte[] payload = new byte[maskBytes + now.length];
            int valueCount = 0;
            for (int i = 0; i < now.length; i++) {
                if (Math.abs((now[i] & 0xff) - (then[i] & 0xff)) > THRESHOLD) {
                    payload[i >>> 3] |= (byte) (0x80 >>> (i & 7));
                    payload[maskBytes + valueCount++] = now[i];
                }
            }
            return Zlib.compress(payload, maskBytes + valueCount);
        }
    }

    /** Rebuilds what the viewer sees from the payloads, in order. Not thread-safe. */
    public static final class Decoder {
        private final int width;
        private final int height;
        private GreyImage picture;

        public Decoder(int width, int height) {
            this.width = width;
            this.height = height;
        }

        public GreyImage decode(byte[] compressed) throws IOException {
            int pixels = width * height;
            if (picture == null) {
                byte[] whole = new byte[pixels];
                if (Zlib.decompress(compressed, whole) != pixels) {
                    throw new IOException("first frame payload is not " + pixels + " bytes");
                }
                picture = new GreyImage(width, height, whole);
                return picture;
            }
            int maskBytes = (pixels + 7) / 8;
            byte[] payload = new byte[maskBytes + pixels];
            int length = Zlib.decompress(compressed, payload);
            byte[] next = picture.pixels().clone();
            int valueIndex = maskBytes;
            for (int i = 0; i < pixels; i++) {
                if ((payload[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                    if (valueIndex >= length) {
                        throw new IOException("change mask names more pixels than the payload carries");
                    }
                    next[i] = payload[valueIndex++];
                }
            }
            picture = new GreyImage(width, height, next);
            return picture;
        }
    }
}
