package cairn.mqtt;

import cairn.base.Durable;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The ids of the newest commands this box has started or answered, on disk, so that a command
 * delivered again (QoS 1 after a reconnect, or after a reboot) is neither run nor answered twice.
 *
 * <p>{@code answered.log} has one line per change, {@code S "id"} (started: it may have had an
 * effect) or {@code D "id"} (answered: the reply is in the outbox), appended and flushed before
 * the caller goes on. When the log holds twice {@code limit} lines it is rewritten with the newest
 * {@code limit} ids in one atomic step. A torn last line after a power cut is ignored.
 *
 * <p>Threading: synchronized.
 */
final class AnsweredIds {
  private static final Logger LOG = Logger.getLogger(AnsweredIds.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  enum State { STARTED, DONE }

  private final Path file;
  private final int limit;
  private final LinkedHashMap<String, State> ids;
  private int lines;

  private AnsweredIds(Path file, int limit) {
    this.file = file;
    this.limit = limit;
    this.ids = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, State> eldest) {
        return size() > limit;
      }
    };
  }

  static AnsweredIds open(Path file, int limit) throws IOException {
    AnsweredIds a = new AnsweredIds(file, limit);
    if (Files.exists(file)) {
      cutTornTail(file);
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        a.lines++;
        if (line.length() < 4 || (line.charAt(0) != 'S' && line.charAt(0) != 'D') || line.charAt(1) != ' ') {
          continue;
        }
        try {
          String id = JSON.readTree(line.substring(2)).asText();
          State s = line.charAt(0) == 'S' ? State.STARTED : State.DONE;
          if (s == State.DONE || a.ids.get(id) != State.DONE) {
            a.ids.put(id, s);
          }
        } catch (JsonProcessingException e) {
          LOG.fine(() -> "answered.log: skipping a torn line");
        }
      }
    }
    return a;
  }

  /** A power cut mid-append leaves a line without its newline: cut it, so the next append starts clean. */
  private static void cutTornTail(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    if (end < all.length) {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(end);
        ch.force(true);
      }
    }
  }

  synchronized Optional<State> state(String id) {
    return Optional.ofNullable(ids.get(id));
  }

  synchronized void started(String id) throws IOException {
    record('S', id);
    ids.put(id, State.STARTED);
  }

  synchronized void done(String id) throws IOException {
    if (ids.get(id) == State.DONE) {
      return;
    }
    record('D', id);
    ids.put(id, State.DONE);
  }

  private void record(char kind, String id) throws IOException {
    if (lines >= 2 * limit) {
      compact();
    }
    boolean created = !Files.exists(file);
    byte[] line = (kind + " " + JSON.writeValueAsString(id) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    }
    if (created) {
      Durable.fsyncDir(file.getParent());
    }
    lines++;
  }

  private void compact() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (var e : ids.entrySet()) {
      sb.append(e.getValue() == State.DONE ? 'D' : 'S').append(' ').append(JSON.writeValueAsString(e.getKey()))
          .append('\n');
    }
    Durable.replace(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    lines = ids.size();
  }
}
