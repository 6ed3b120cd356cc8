package cairn.lab.codecbench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** zlib (RFC 1950) at the default level, through java.util.zip. */
final class Zlib {

    private Zlib() {}

    static byte[] compress(byte[] data, int length) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(data, 0, length);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
            byte[] chunk = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Inflates into {@code target}, which must be large enough; returns the number of bytes written. */
    static int decompress(byte[] compressed, byte[] target) throws IOException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            int length = 0;
            byte[] overflow = new byte[1];
            while (!inflater.finished()) {
                boolean full = length == target.length;
                int n = full ? inflater.inflate(overflow) : inflater.inflate(target, length, target.length - length);
                if (full && n > 0) {
                    throw new IOException("zlib payload inflates to more than " + target.length + " bytes");
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("zlib payload is truncated");
                }
                length += n;
            }
            return length;
        } catch (DataFormatException e) {
            throw new IOException("zlib payload is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
