package cairn.lab.codecbench;

import java.io.IOException;

/**
 * Seed method "similarity + run length": the encoder keeps a key frame while SSIM(frame, key) ≥
 * {@value #KEY_SSIM_THRESHOLD}, otherwise the frame becomes the new key and is sent PackBits-packed.
 * Other frames are sent as (frame − key) per pixel, stored as a byte modulo 256, PackBits-packed.
 * Each packet also carries one byte saying which of the two it is. Lossless on luma.
 */
public final class SimilarityRleCodec {

    public static final double KEY_SSIM_THRESHOLD = 0.5;

    /** One frame on the wire: a key frame or a difference from the current key, PackBits-packed. */
    public record Packet(boolean key, byte[] packed) {
        /** Bytes on the wire: the packed data plus one byte for the packet type. */
        public int wireBytes() {
            return packed.length + 1;
        }
    }

    private SimilarityRleCodec() {}

    /** Encodes frames in order; holds the current key frame. Not thread-safe. */
    public static final class Encoder {
        private GreyImage key;

        public Packet encode(GreyImage frame) {
            if (key == null || !key.sameSize(frame) || QualityMeter.ssim(frame, key) < KEY_SSIM_THRESHOLD) {
                key = frame;
                return new Packet(true, PackBits.encode(frame.pixels()));
            }
            byte[] now = frame.pixels();
            byte[] base = key.pixels();
            byte[] difference = new byte[now.length];
            for (int i = 0; i < now.length; i++) {
                difference[i] = (byte) (now[i] - base[i]);
            }
            return new Packet(false, PackBits.encode(difference));
        }
    }

    /** Rebuilds frames from packets in order. Not thread-safe. */
    public static final class Decoder {
        private final int width;
        private final int height;
        private GreyImage key;

        public Decoder(int width, int height) {
            this.width = width;
            this.height = height;
        }

        public GreyImage decode(Packet packet) throws IOException {
            byte[] unpacked = new byte[width * height];
            PackBits.decode(packet.packed(), unpacked);
            if (packet.key()) {
                key = new GreyImage(width, height, unpacked);
                return key;
            }
            if (key == null) {
                throw new IOException("difference packet before any key frame");
            }
            byte[] base = key.pixels();
            for (int i = 0; i < unpacked.length; i++) {
                unpacked[i] = (byte) (base[i] + unpacked[i]);
            }
            return new GreyImage(width, height, unpacked);
        }
    }
}
