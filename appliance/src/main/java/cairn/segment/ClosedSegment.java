package cairn.segment;

import cairn.encode.EncodedPacket;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A finished segment still in memory: its description (not yet numbered) and its packets. */
public record ClosedSegment(SegmentInfo draft, List<EncodedPacket> packets) {
  public void writeTo(Path file) throws IOException {
    TsWriter.write(file, packets, draft.width(), draft.height());
  }
}
