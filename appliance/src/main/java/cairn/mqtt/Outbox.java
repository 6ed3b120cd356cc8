package cairn.mqtt;

import cairn.base.Durable;
import cairn.base.RateLimitedLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Messages on their way to the broker, kept on disk until the broker has confirmed them, so that
 * neither a lost connection nor a reboot loses an event, a reply or the latest health.
 *
 * <p>One file per message, {@code SEQUENCE.msg}: a JSON header line (topic, retain flag, what it
 * replaces, the command it answers), then the payload bytes. It is written under a temporary name,
 * flushed and renamed (see {@link Durable}), so a power cut leaves the whole message or none.
 * Messages go out in sequence order. A delivered message's file is deleted without a folder flush:
 * after a power cut at that instant it may go out a second time, which QoS 1 allows anyway.
 *
 * <p>Bounded: at {@code capacity} messages the oldest not yet handed to the broker is dropped, and
 * the drop is counted (the count survives restarts, in {@code dropped}). A message added with a
 * {@code replaces} key supersedes the waiting one with the same key: only the latest health waits.
 *
 * <p>Threading: all methods are synchronized; file writes happen under the lock (messages are small
 * and rare: health every few minutes, events, replies).
 */
public final class Outbox {
  private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUFFIX = ".msg";

  /** A waiting message. {@code replaces} and {@code commandId} may be null. */
  public record Message(long seq, String topic, boolean retain, String replaces, String commandId) {}

  private final Path dir;
  private final int capacity;
  private final TreeMap<Long, Message> waiting = new TreeMap<>();
  private final Set<Long> inFlight = new HashSet<>();
  private long nextSeq = 1;
  private long dropped;
  /** Messages the disk would not take, with their header line, until delivered. */
  private final Map<Long, byte[]> inMemory = new HashMap<>();
  private final RateLimitedLog diskFailures = new RateLimitedLog(LOG, 60);

  private Outbox(Path dir, int capacity) {
    this.dir = dir;
    this.capacity = capacity;
  }

  /** Opens the outbox in {@code dir}, creating it, and takes up what a previous run left. */
  public static Outbox open(Path dir, int capacity) throws IOException {
    Outbox o = new Outbox(dir, capacity);
    Files.createDirectories(dir);
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (name.endsWith(".tmp")) {
        Files.deleteIfExists(f);
      } else if (name.endsWith(SUFFIX)) {
        try {
          long seq = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
          o.waiting.put(seq, o.readHeader(seq, f));
          o.nextSeq = Math.max(o.nextSeq, seq + 1);
        } catch (IOException | RuntimeException e) {
          LOG.warning("outbox: dropping unreadable " + f + ": " + e.getMessage());
          Files.deleteIfExists(f);
        }
      }
    }
    Path count = dir.resolve("dropped");
    if (Files.exists(count)) {
      try {
        o.dropped = Long.parseLong(Files.readString(count).strip());
      } catch (NumberFormatException e) {
        o.dropped = 0;
      }
    }
    return o;
  }

  public synchronized Message add(String topic, byte[] payload, boolean retain, String replaces, String commandId)
      throws IOException {
    if (replaces != null) {
      Iterator<Message> it = waiting.values().iterator();
      while (it.hasNext()) {
        Message m = it.next();
        if (replaces.equals(m.replaces()) && !inFlight.contains(m.seq())) {
          it.remove();
          forget(m.seq());
        }
      }
    }
    int before = 0;
    while (waiting.size() >= capacity) {
      Optional<Message> oldest = waiting.values().stream().filter(m -> !inFlight.contains(m.seq())).findFirst();
      if (oldest.isEmpty()) {
        break;
      }
      waiting.remove(oldest.get().seq());
      forget(oldest.get().seq());
      before++;
    }
    if (before > 0) {
      dropped += before;
      Durable.replace(dir.resolve("dropped"), Long.toString(dropped).getBytes(StandardCharsets.US_ASCII));
      LOG.warning("outbox full (" + capacity + " messages): dropped the oldest; " + dropped + " dropped so far");
    }
    Message m = new Message(nextSeq++, topic, retain, replaces, commandId);
    ObjectNode header = JSON.createObjectNode().put("topic", topic).put("retain", retain);
    if (replaces != null) {
      header.put("replaces", replaces);
    }
    if (commandId != null) {
      header.put("command", commandId);
    }
    byte[] head = (JSON.writeValueAsString(header) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + payload.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(payload, 0, all, head.length, payload.length);
    Path tmp = file(m.seq()).resolveSibling(file(m.seq()).getFileName() + ".tmp");
    try {
      Durable.writeSynced(tmp, all);
      Durable.rename(tmp, file(m.seq()));
      Durable.fsyncDir(dir);
    } catch (IOException e) {
      // A read-only or full data partition is what the operator most needs to hear about: the
      // message waits in memory instead (lost only if the box restarts before it goes out).
      Durable.deleteQuietly(tmp);
      inMemory.put(m.seq(), all);
      diskFailures.warn(() -> "outbox: cannot write to " + dir + " (" + e.getMessage() + "); keeping messages in memory");
    }
    waiting.put(m.seq(), m);
    return m;
  }

  /**
   * Up to {@code max} of the oldest messages not yet handed out, with their payloads; they count as
   * in flight until {@link #delivered} or {@link #returnInFlight}.
   */
  public synchronized List<Map.Entry<Message, byte[]>> take(int max) throws IOException {
    List<Map.Entry<Message, byte[]>> out = new ArrayList<>();
    for (Message m : waiting.values()) {
      if (out.size() >= max) {
        break;
      }
      if (inFlight.add(m.seq())) {
        out.add(Map.entry(m, payload(m.seq())));
      }
    }
    return out;
  }

  /** The broker has it: forget it. */
  public synchronized void delivered(long seq) throws IOException {
    inFlight.remove(seq);
    if (waiting.remove(seq) != null) {
      forget(seq);
    }
  }

  /** Removes a message's copy; on a read-only disk the file stays and may go out once more after a restart. */
  private void forget(long seq) {
    if (inMemory.remove(seq) == null) {
      Durable.deleteQuietly(file(seq));
    }
  }

  /** Not sent after all: it goes out with the next {@link #take}. */
  public synchronized void giveBack(long seq) {
    inFlight.remove(seq);
  }

  /** The connection is gone: what was in flight is sent again, first, on the next one. */
  public synchronized void returnInFlight() {
    inFlight.clear();
  }

  public synchronized int size() {
    return waiting.size();
  }

  public synchronized long dropped() {
    return dropped;
  }

  /** Ids of the commands whose replies are still waiting here. */
  public synchronized Set<String> commandIds() {
    Set<String> ids = new HashSet<>();
    for (Message m : waiting.values()) {
      if (m.commandId() != null) {
        ids.add(m.commandId());
      }
    }
    return ids;
  }

  /** The waiting messages in order, without payloads: for tests and the lab. */
  public synchronized List<Message> waiting() {
    return List.copyOf(waiting.values());
  }

  private Path file(long seq) {
    return dir.resolve(String.format("%016d", seq) + SUFFIX);
  }

  private byte[] payload(long seq) throws IOException {
    byte[] all = inMemory.containsKey(seq) ? inMemory.get(seq) : Files.readAllBytes(file(seq));
    int nl = indexOfNewline(all);
    byte[] p = new byte[all.length - nl - 1];
    System.arraycopy(all, nl + 1, p, 0, p.length);
    return p;
  }

  private Message readHeader(long seq, Path f) throws IOException {
    byte[] all = Files.readAllBytes(f);
    int nl = indexOfNewline(all);
    JsonNode h = JSON.readTree(new String(all, 0, nl, StandardCharsets.UTF_8));
    return new Message(seq, h.get("topic").asText(), h.path("retain").asBoolean(),
        h.hasNonNull("replaces") ? h.get("replaces").asText() : null,
        h.hasNonNull("command") ? h.get("command").asText() : null);
  }

  private static int indexOfNewline(byte[] b) throws IOException {
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        return i;
      }
    }
    throw new IOException("no header line");
  }
}
