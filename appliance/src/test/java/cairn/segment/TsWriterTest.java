package cairn.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.encode.EncodedPacket;
import cairn.encode.EncoderProfile;
import cairn.encode.EncoderSettings;
import cairn.encode.H264Encoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsWriterTest {
  private static final int W = 64;
  private static final int H = 48;

  @Test
  void aSegmentStartsWithPatAndPmtAndCarriesNoSdt() throws Exception {
    byte[] ts = TsWriter.mux(encodedFrames(12), W, H);

    assertEquals(0, ts.length % TsPackets.SIZE);
    assertEquals(0, TsPackets.pid(ts, 0), "PAT first");
    int pmtPid = TsPackets.pid(ts, TsPackets.SIZE);
    assertTrue(pmtPid != 0 && pmtPid != 0x11, "PMT second, on its own PID: " + pmtPid);
    int pats = 0;
    for (int at = 0; at < ts.length; at += TsPackets.SIZE) {
      int pid = TsPackets.pid(ts, at);
      assertFalse(pid == 0x11, "an SDT packet at " + at);
      pats += pid == 0 ? 1 : 0;
    }
    assertEquals(1, pats, "the tables once, at the start");
  }

  @Test
  void droppingAPidKeepsEveryOtherPacketInOrder() {
    byte[] ts = new byte[4 * TsPackets.SIZE];
    int[] pids = {0, 0x11, 0x100, 0x11};
    for (int i = 0; i < pids.length; i++) {
      ts[i * TsPackets.SIZE] = 0x47;
      ts[i * TsPackets.SIZE + 1] = (byte) (pids[i] >> 8);
      ts[i * TsPackets.SIZE + 2] = (byte) pids[i];
      ts[i * TsPackets.SIZE + 3] = (byte) i;
    }

    byte[] out = TsPackets.withoutPid(ts, 0x11);

    assertEquals(2 * TsPackets.SIZE, out.length);
    assertEquals(0, TsPackets.pid(out, 0));
    assertEquals(0x100, TsPackets.pid(out, TsPackets.SIZE));
    assertEquals(2, out[TsPackets.SIZE + 3]);
    assertThrows(IllegalArgumentException.class, () -> TsPackets.withoutPid(Arrays.copyOf(ts, 100), 0x11));
  }

  private static List<EncodedPacket> encodedFrames(int n) throws Exception {
    List<EncodedPacket> packets = new ArrayList<>();
    try (H264Encoder enc = H264Encoder.open(new EncoderSettings("libx264", "veryfast", 28, 500, 2, 0, 0),
        EncoderProfile.LIVE, W, H, 25)) {
      for (int i = 0; i < n; i++) {
        byte[] i420 = new byte[W * H * 3 / 2];
        Arrays.fill(i420, 0, W * H, (byte) (16 + i * 8));
        packets.addAll(enc.encode(i420, i * 3600L, i == 0));
      }
      packets.addAll(enc.flush());
    }
    return packets;
  }
}
