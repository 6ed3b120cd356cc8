package cairn.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The answer on {@code …/cmd/result}: {@code {"id", "ok": true, "result"}} or {@code {"id", "ok": false, "error"}}. */
public record Reply(String id, boolean ok, JsonNode result, String error) {
  static final ObjectMapper JSON = new ObjectMapper();

  public static Reply ok(String id, JsonNode result) {
    return new Reply(id, true, result, null);
  }

  public static Reply refused(String id, String error) {
    return new Reply(id, false, null, error);
  }

  public byte[] toJson() {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("ok", ok);
    if (ok) {
      n.set("result", result == null ? JSON.createObjectNode() : result);
    } else {
      n.put("error", error);
    }
    try {
      return JSON.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
