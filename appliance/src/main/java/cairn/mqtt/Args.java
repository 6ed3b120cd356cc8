package cairn.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a command's {@code args} strictly: each argument of the right type and range, and no
 * argument the action does not know ({@link #done}). Errors are the sentence for the reply.
 */
final class Args {
  private final String action;
  private final ObjectNode args;
  private final Set<String> read = new HashSet<>();

  Args(String action, ObjectNode args) {
    this.action = action;
    this.args = args;
  }

  Optional<String> text(String name) throws CommandRefused {
    JsonNode n = take(name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw new CommandRefused(action + ": " + name + " must be a string");
    }
    return Optional.of(n.asText());
  }

  Optional<Integer> integer(String name, int min, int max) throws CommandRefused {
    JsonNode n = take(name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new CommandRefused(action + ": " + name + " must be a whole number from " + min + " to " + max);
    }
    int v = n.asInt();
    if (v < min || v > max) {
      throw new CommandRefused(action + ": " + name + " " + v + " is out of range; allowed: " + min + " to " + max);
    }
    return Optional.of(v);
  }

  Optional<Double> number(String name, double min, double max) throws CommandRefused {
    JsonNode n = take(name);
    if (n == null) {
      return Optional.empty();
    }
    if (!n.isNumber() || !(n.asDouble() >= min && n.asDouble() <= max)) {
      throw new CommandRefused(action + ": " + name + " must be a number from " + trim(min) + " to " + trim(max));
    }
    return Optional.of(n.asDouble());
  }

  int requiredInteger(String name, int min, int max) throws CommandRefused {
    return integer(name, min, max).orElseThrow(() -> new CommandRefused(action + ": " + name + " is missing"));
  }

  /** The whole args object, for actions whose arguments are free-form (set). */
  ObjectNode all() {
    args.fieldNames().forEachRemaining(read::add);
    return args;
  }

  /** Refuses arguments the action did not read. */
  void done() throws CommandRefused {
    for (Iterator<String> it = args.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!read.contains(f)) {
        throw new CommandRefused(action + " does not take '" + CommandParser.clip(f) + "'");
      }
    }
  }

  private JsonNode take(String name) {
    read.add(name);
    JsonNode n = args.get(name);
    return n == null || n.isNull() ? null : n;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
