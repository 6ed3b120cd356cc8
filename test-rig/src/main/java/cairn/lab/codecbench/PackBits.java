package cairn.lab.codecbench;

import java.io.IOException;

/**
 * PackBits run-length coding as in TIFF 6.0 / Apple TN1023. A header byte n is followed by
 * n + 1 literal bytes (0 ≤ n ≤ 127), or by one byte repeated 1 − n times (−127 ≤ n ≤ −1);
 * n = −128 is skipped. The encoder turns runs of three or more equal bytes (two at the start of a
 * packet) into repeat packets and everything else into literal packets of up to 128 bytes.
 */
public final class PackBits {

    private static final int MAX_PACKET = 128;

    private PackBits() {}

    public static byte[] encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    public static byte[] encode(byte[] data, int offset, int length) {
        byte[] out = new byte[length + (length + MAX_PACKET - 1) / MAX_PACKET];
        int o = 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int run = runLength(data, i, end);
            if (run >= 2) {
                out[o++] = (byte) (1 - run);
                out[o++] = data[i];
                i += run;
                continue;
            }
            int literalStart = i;
            int literalEnd = i + 1;
            while (literalEnd < end && literalEnd - literalStart < MAX_PACKET && runLength(data, literalEnd, end) < 3) {
                literalEnd++;
            }
            int n = literalEnd - literalStart;
            out[o++] = (byte) (n - 1);
            System.arraycopy(data, literalStart, out, o, n);
            o += n;
            i = literalEnd;
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static int runLength(byte[] data, int start, int end) {
        int limit = Math.min(end, start + MAX_PACKET);
        int j = start + 1;
        while (j < limit && data[j] == data[start]) {
            j++;
        }
        return j - start;
    }

    /** Decodes into {@code target}; the packed data must fill it exactly. */
    public static void decode(byte[] packed, byte[] target) throws IOException {
        int i = 0;
        int o = 0;
        while (i < packed.length) {
            int n = packed[i++];
            if (n == -128) {
                continue;
            }
            if (n >= 0) {
                int count = n + 1;
                if (i + count > packed.length) {
                    throw new IOException("PackBits literal of " + count + " bytes runs past the end of the data");
                }
                if (o + count > target.length) {
                    throw new IOException("PackBits data decodes to more than " + target.length + " bytes");
                }
                System.arraycopy(packed, i, target, o, count);
                i += count;
                o += count;
            } else {
                int count = 1 - n;
                if (i >= packed.length) {
                    throw new IOException("PackBits run has no byte to repeat");
                }
                if (o + count > target.length) {
                    throw new IOException("PackBits data decodes to more than " + target.length + " bytes");
                }
                java.util.Arrays.fill(target, o, o + count, packed[i++]);
                o += count;
            }
        }
        if (o != target.length) {
            throw new IOException("PackBits data decodes to " + o + " bytes, expected " + target.length);
        }
    }
}
