package cairn.spool;

import cairn.segment.SegmentInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The JSON sidecar that describes a spooled segment. */
final class SegmentJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SegmentJson() {}

  static byte[] write(SegmentInfo info) throws IOException {
    return MAPPER.writeValueAsBytes(info);
  }

  static SegmentInfo read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), SegmentInfo.class);
  }
}
