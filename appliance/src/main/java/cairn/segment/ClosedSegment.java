package cairn.segment;

import cairn.encode.EncodedPacket;
import java.io.IOException;
import java.util.List;

/** A finished segment still in memory: its description (not yet numbered) and its packets. */
public record ClosedSegment(SegmentInfo draft, List<EncodedPacket> packets) {
  /** The segment as an MPEG-TS file. */
  public byte[] toBytes() throws IOException {
    return TsWriter.mux(packets, draft.width(), draft.height());
  }
}
