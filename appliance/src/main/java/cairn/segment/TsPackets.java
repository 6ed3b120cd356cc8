package cairn.segment;

import java.io.ByteArrayOutputStream;

/** MPEG-TS at the packet level: 188-byte packets, each starting with the sync byte and its PID. */
final class TsPackets {
  static final int SIZE = 188;
  private static final int SYNC = 0x47;

  private TsPackets() {}

  /** The PID of the packet that starts at {@code offset}. */
  static int pid(byte[] ts, int offset) {
    return ((ts[offset + 1] & 0x1f) << 8) | (ts[offset + 2] & 0xff);
  }

  /**
   * The stream without the packets of one PID. Dropping a whole PID leaves every other PID's
   * continuity counters as they were, so decoders see no gap.
   */
  static byte[] withoutPid(byte[] ts, int pid) {
    if (ts.length % SIZE != 0) {
      throw new IllegalArgumentException("not whole TS packets: " + ts.length + " bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(ts.length);
    for (int at = 0; at < ts.length; at += SIZE) {
      if ((ts[at] & 0xff) != SYNC) {
        throw new IllegalArgumentException("no sync byte at " + at);
      }
      if (pid(ts, at) != pid) {
        out.write(ts, at, SIZE);
      }
    }
    return out.toByteArray();
  }
}
