package cairn.segment;

import java.io.IOException;

/** Where finished segments go (the spool). Called on the camera's encoder thread. */
@FunctionalInterface
public interface SegmentSink {
  void accept(ClosedSegment segment) throws IOException;
}
