package cairn.rate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The rate controller's decisions and the link's outages as JSON lines in {@code DATA/rate.jsonl},
 * for whoever looks at the box afterwards (the lab's timeline reads it). A torn last line after a
 * power cut is the reader's to skip. Beyond {@link #MAX_BYTES} the file is moved to
 * {@code rate.jsonl.1} and a new one begun, so it never fills the card.
 *
 * <p>Threading: synchronized; a write that fails is logged once and otherwise ignored (the log
 * must never stop the video).
 */
public final class RateLog {
  private static final Logger LOG = Logger.getLogger(RateLog.class.getName());
  static final long MAX_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private boolean warned;

  public RateLog(Path file) {
    this.file = file;
  }

  public synchronized void write(Map<String, Object> line) {
    try {
      if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
      byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(bytes);
      }
    } catch (IOException e) {
      if (!warned) {
        warned = true;
        LOG.warning("cannot write " + file + ": " + e.getMessage());
      }
    }
  }
}
