package cairn.app;

import cairn.base.Durable;
import cairn.config.Redact;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the appliance's current state to {@code status.json} in the data folder, replaced whole
 * each time, for people on the box and for the lab. MQTT health will carry the same figures.
 */
final class StatusFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Path file;

  StatusFile(Path file) {
    this.file = file;
  }

  void write(Map<String, Object> status) throws IOException {
    // Error texts in the status may quote a camera's URL: scrubbed like the log.
    String json = Redact.text(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(status));
    Durable.replace(file, json.getBytes(StandardCharsets.UTF_8));
  }
}
