package cairn.mqtt;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a payload from {@code …/cmd} strictly: one JSON object, no duplicate or unknown fields, at
 * most {@value #MAX_BYTES} bytes. Anything else is {@link Invalid}, with the id when one can be read
 * (even from broken JSON, so the sender learns what went wrong) and one sentence why.
 * Stateless and thread-safe.
 */
final class CommandParser {
  static final int MAX_BYTES = 16 * 1024;
  static final int MAX_ID_CHARS = 128;
  private static final Set<String> FIELDS = Set.of("id", "action", "args", "expires", "sig");
  private static final Pattern SALVAGE_ID = Pattern.compile("\"id\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.){1,128}\")");
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  sealed interface Parsed permits Valid, Invalid {}

  record Valid(Command command) implements Parsed {}

  /** {@code id} is empty when none could be read: then there is nobody to answer. */
  record Invalid(Optional<String> id, String reason) implements Parsed {}

  private CommandParser() {}

  static Parsed parse(byte[] payload) {
    if (payload.length > MAX_BYTES) {
      return new Invalid(salvageId(payload), "the command is " + payload.length + " bytes; at most " + MAX_BYTES
          + " are accepted");
    }
    JsonNode root;
    try {
      root = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      return new Invalid(salvageId(payload), "the command is not valid JSON (" + shortReason(e) + ")");
    } catch (java.io.IOException | RuntimeException e) {
      return new Invalid(salvageId(payload), "the command is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      return new Invalid(Optional.empty(), "the command is not a JSON object");
    }
    JsonNode idNode = root.get("id");
    if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty()) {
      return new Invalid(Optional.empty(), "the command has no id");
    }
    String id = idNode.asText();
    if (id.length() > MAX_ID_CHARS) {
      return new Invalid(Optional.of(id), "the id is longer than " + MAX_ID_CHARS + " characters");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        return new Invalid(Optional.of(id), "unknown field '" + clip(f) + "'; a command has id, action, args,"
            + " expires and sig");
      }
    }
    JsonNode action = root.get("action");
    if (action == null || !action.isTextual() || action.asText().isEmpty()) {
      return new Invalid(Optional.of(id), "the command has no action");
    }
    JsonNode args = root.get("args");
    if (args != null && !args.isObject() && !args.isNull()) {
      return new Invalid(Optional.of(id), "args must be a JSON object");
    }
    Optional<String> expires = Optional.empty();
    JsonNode e = root.get("expires");
    if (e != null && !e.isNull()) {
      if (!e.isTextual() || parseTime(e.asText()).isEmpty()) {
        return new Invalid(Optional.of(id), "expires must be an ISO-8601 time such as 2026-11-21T10:00:00Z");
      }
      expires = Optional.of(e.asText());
    }
    JsonNode sig = root.get("sig");
    if (sig != null && !sig.isNull() && !sig.isTextual()) {
      return new Invalid(Optional.of(id), "sig must be a hex string");
    }
    ObjectNode argsObject = args == null || args.isNull() ? JSON.createObjectNode() : (ObjectNode) args;
    return new Valid(new Command(id, action.asText(), argsObject, expires,
        sig == null || sig.isNull() ? Optional.empty() : Optional.of(sig.asText())));
  }

  /** An ISO-8601 time with a zone offset ({@code Z} or {@code +01:00}). */
  static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Shortens text from the sender before it goes into a reply or the log. */
  static String clip(String s) {
    String oneLine = s.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
  }

  private static Optional<String> salvageId(byte[] payload) {
    String text = new String(payload, 0, Math.min(payload.length, 4096), StandardCharsets.UTF_8);
    Matcher m = SALVAGE_ID.matcher(text);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      String id = JSON.readTree(m.group(1)).asText();
      return id.isEmpty() ? Optional.empty() : Optional.of(id);
    } catch (JsonProcessingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String shortReason(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "unreadable" : e.getOriginalMessage();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    var loc = e.getLocation();
    return clip(m) + (loc == null ? "" : " at character " + loc.getCharOffset());
  }
}
