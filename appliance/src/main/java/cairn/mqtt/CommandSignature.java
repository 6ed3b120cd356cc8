package cairn.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures on commands, so that a leaked broker account alone cannot control the box.
 *
 * <p>The signed text is five lines joined by {@code \n}, without a trailing newline:
 * <pre>
 *   cairn-cmd-v1
 *   ID
 *   ACTION
 *   EXPIRES          (as written in the command; empty line if none)
 *   ARGS             (args as compact JSON, object keys sorted, no spaces; {} if none)
 * </pre>
 * and {@code sig} is the lowercase (or uppercase) hex of HMAC-SHA256(key as UTF-8, text as UTF-8).
 * From a shell, with {@code jq} and {@code openssl}:
 * <pre>
 *   text=$(printf 'cairn-cmd-v1\n%s\n%s\n%s\n%s' "$id" "$action" "$expires" "$(jq -cS . &lt;&lt;&lt;"$args")")
 *   sig=$(printf '%s' "$text" | openssl dgst -sha256 -hmac "$key" -r | cut -d' ' -f1)
 * </pre>
 * Keep signed args to strings, integers and booleans: decimals may be written differently by
 * different JSON libraries. The id is part of the text and each id runs once, and a signed command
 * must carry {@code expires}, so a recorded command cannot be replayed later. Stateless.
 */
final class CommandSignature {
  static final String VERSION = "cairn-cmd-v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CommandSignature() {}

  static String text(Command c) {
    return VERSION + "\n" + c.id() + "\n" + c.action() + "\n" + c.expires().orElse("") + "\n" + canonical(c.args());
  }

  static String sign(String key, Command c) {
    return HexFormat.of().formatHex(mac(key, text(c)));
  }

  static boolean verify(String key, Command c) {
    if (c.sig().isEmpty()) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(c.sig().get().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(given, mac(key, text(c)));
  }

  /** Compact JSON with every object's keys in sorted order, as {@code jq -cS} writes it. */
  static String canonical(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    write(n, sb);
    return sb.toString();
  }

  private static void write(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        sorted.put(k, n.get(k));
      }
      sb.append('{');
      boolean first = true;
      for (var e : sorted.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append(scalar(JSON.getNodeFactory().textNode(e.getKey()))).append(':');
        write(e.getValue(), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(n.get(i), sb);
      }
      sb.append(']');
    } else {
      sb.append(scalar(n));
    }
  }

  private static String scalar(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] mac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
    }
  }
}
