package cairn.config;

import java.util.List;
import java.util.Locale;

/**
 * How one config value is read, written back and described. Each type checks its own range so that
 * the message can say what is allowed.
 */
public interface ValueType<T> {
  T parse(String text) throws InvalidValue;

  String format(T value);

  /** What is allowed, for the error message and the printed config. */
  String allowed();

  /** True for a value that must never be shown: a password, a token, a key. */
  default boolean secret() {
    return false;
  }

  /** The value as the box may show it (get-config, --print-config): secrets masked. */
  default String shown(T value) {
    return format(value);
  }

  /**
   * A password, token or key: masked wherever shown, never echoed in an error, and scrubbed from
   * logs and reports once read ({@link Redact}).
   */
  static ValueType<String> secret(ValueType<String> inner) {
    return new ValueType<>() {
      public String parse(String s) throws InvalidValue {
        Redact.remember(s);
        try {
          return inner.parse(s);
        } catch (InvalidValue e) {
          throw new InvalidValue("the value given is not valid (not shown here: it is a secret)");
        }
      }

      public String format(String v) {
        return inner.format(v);
      }

      public String allowed() {
        return inner.allowed();
      }

      public boolean secret() {
        return true;
      }

      public String shown(String v) {
        return v.isEmpty() ? v : "***";
      }
    };
  }

  /** An address that may carry {@code user:password@}: the password is a secret, the rest is shown. */
  static ValueType<String> withCredentials(ValueType<String> inner) {
    return new ValueType<>() {
      public String parse(String s) throws InvalidValue {
        Redact.rememberCredentialsOf(s);
        try {
          return inner.parse(s);
        } catch (InvalidValue e) {
          throw new InvalidValue(Redact.text(e.getMessage()));
        }
      }

      public String format(String v) {
        return inner.format(v);
      }

      public String allowed() {
        return inner.allowed();
      }

      public String shown(String v) {
        return Redact.text(inner.format(v));
      }
    };
  }

  static ValueType<String> text(String pattern, String allowed) {
    return new ValueType<>() {
      public String parse(String s) throws InvalidValue {
        if (!s.matches(pattern)) {
          throw new InvalidValue("'" + s + "' is not valid");
        }
        return s;
      }

      public String format(String v) {
        return v;
      }

      public String allowed() {
        return allowed;
      }
    };
  }

  static ValueType<Integer> integer(int min, int max) {
    return new ValueType<>() {
      public Integer parse(String s) throws InvalidValue {
        int v;
        try {
          v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
          throw new InvalidValue("'" + s + "' is not a whole number");
        }
        if (v < min || v > max) {
          throw new InvalidValue(v + " is out of range");
        }
        return v;
      }

      public String format(Integer v) {
        return v.toString();
      }

      public String allowed() {
        return "a whole number from " + min + " to " + max;
      }
    };
  }

  /** A whole number, or {@code auto} (read as {@code autoValue}) for a value chosen at run time. */
  static ValueType<Integer> integerOrAuto(int min, int max, int autoValue) {
    ValueType<Integer> number = integer(min, max);
    return new ValueType<>() {
      public Integer parse(String s) throws InvalidValue {
        return s.equals("auto") ? autoValue : number.parse(s);
      }

      public String format(Integer v) {
        return v == autoValue ? "auto" : v.toString();
      }

      public String allowed() {
        return "auto, or " + number.allowed();
      }
    };
  }

  /** {@code off} (read as 0), or seconds as {@link #seconds}: for schedules that are off by default. */
  static ValueType<Double> secondsOrOff(double min, double max) {
    ValueType<Double> duration = seconds(min, max);
    return new ValueType<>() {
      public Double parse(String s) throws InvalidValue {
        return s.trim().equals("off") ? 0.0 : duration.parse(s);
      }

      public String format(Double v) {
        return v == 0 ? "off" : duration.format(v);
      }

      public String allowed() {
        return "off, or " + duration.allowed();
      }
    };
  }

  static ValueType<Double> decimal(double min, double max) {
    return new ValueType<>() {
      public Double parse(String s) throws InvalidValue {
        double v;
        try {
          v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw new InvalidValue("'" + s + "' is not a number");
        }
        if (!(v >= min && v <= max)) {
          throw new InvalidValue(s + " is out of range");
        }
        return v;
      }

      public String format(Double v) {
        return trim(v);
      }

      public String allowed() {
        return "a number from " + trim(min) + " to " + trim(max);
      }
    };
  }

  /** Seconds, written as {@code 2}, {@code 2.5s}, {@code 500ms} or {@code 3min}. */
  static ValueType<Double> seconds(double min, double max) {
    return new ValueType<>() {
      public Double parse(String s) throws InvalidValue {
        String t = s.trim().toLowerCase(Locale.ROOT);
        double scale = 1;
        if (t.endsWith("ms")) {
          scale = 0.001;
          t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("min")) {
          scale = 60;
          t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("s")) {
          t = t.substring(0, t.length() - 1);
        }
        double v;
        try {
          v = Double.parseDouble(t.trim()) * scale;
        } catch (NumberFormatException e) {
          throw new InvalidValue("'" + s + "' is not a duration");
        }
        if (!(v >= min && v <= max)) {
          throw new InvalidValue(s + " is out of range");
        }
        return v;
      }

      public String format(Double v) {
        return trim(v) + "s";
      }

      public String allowed() {
        return "seconds from " + trim(min) + " to " + trim(max) + " (e.g. 2, 2.5s, 500ms, 3min)";
      }
    };
  }

  /** A size in bytes, written as {@code 512 MiB}, {@code 2GB}, {@code 1048576}. */
  static ValueType<Long> bytes(long min, long max) {
    return new ValueType<>() {
      public Long parse(String s) throws InvalidValue {
        var m = java.util.regex.Pattern.compile("(?i)\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kmgt]i?b?|b)?\\s*").matcher(s);
        if (!m.matches()) {
          throw new InvalidValue("'" + s + "' is not a size");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        double mult = switch (unit.charAt(0)) {
          case 'k' -> unit.contains("i") ? 1L << 10 : 1e3;
          case 'm' -> unit.contains("i") ? 1L << 20 : 1e6;
          case 'g' -> unit.contains("i") ? 1L << 30 : 1e9;
          case 't' -> unit.contains("i") ? 1L << 40 : 1e12;
          default -> 1;
        };
        long v = (long) (n * mult);
        if (v < min || v > max) {
          throw new InvalidValue(s + " is out of range");
        }
        return v;
      }

      public String format(Long v) {
        if (v == 0) {
          return "0";
        }
        if (v % (1L << 30) == 0) {
          return v / (1L << 30) + " GiB";
        }
        if (v % (1L << 20) == 0) {
          return v / (1L << 20) + " MiB";
        }
        return v.toString();
      }

      public String allowed() {
        return "a size from " + format(min) + " to " + format(max) + " (e.g. 512 MiB, 2GB)";
      }
    };
  }

  /** A size a month: {@link #bytes} with an optional {@code /month}, e.g. {@code 20GiB/month}. */
  static ValueType<Long> monthlyBytes() {
    ValueType<Long> size = bytes(0, 1L << 50);
    return new ValueType<>() {
      public Long parse(String s) throws InvalidValue {
        String v = s.trim();
        if (v.toLowerCase(Locale.ROOT).endsWith("/month")) {
          v = v.substring(0, v.length() - "/month".length());
        }
        return size.parse(v);
      }

      public String format(Long v) {
        return v == 0 ? "0" : size.format(v) + "/month";
      }

      public String allowed() {
        return "0 (no budget) or a size a month (e.g. 20GiB, 20GiB/month, 500 MiB)";
      }
    };
  }

  static ValueType<Boolean> bool() {
    return new ValueType<>() {
      public Boolean parse(String s) throws InvalidValue {
        return switch (s.toLowerCase(Locale.ROOT)) {
          case "true", "yes", "on" -> true;
          case "false", "no", "off" -> false;
          default -> throw new InvalidValue("'" + s + "' is not true or false");
        };
      }

      public String format(Boolean v) {
        return v.toString();
      }

      public String allowed() {
        return "true or false";
      }
    };
  }

  static ValueType<String> oneOf(String... choices) {
    List<String> list = List.of(choices);
    return new ValueType<>() {
      public String parse(String s) throws InvalidValue {
        if (!list.contains(s)) {
          throw new InvalidValue("'" + s + "' is not one of the choices");
        }
        return s;
      }

      public String format(String v) {
        return v;
      }

      public String allowed() {
        return String.join(", ", list);
      }
    };
  }

  static ValueType<Ladder> ladder() {
    return new ValueType<>() {
      public Ladder parse(String s) throws InvalidValue {
        try {
          return Ladder.parse(s);
        } catch (IllegalArgumentException e) {
          throw new InvalidValue(e.getMessage());
        }
      }

      public String format(Ladder v) {
        return v.toString();
      }

      public String allowed() {
        return "rungs KBPS@FPS or KBPS@FPS/HEIGHT, comma-separated, falling in bitrate (e.g. 1200@25, 600@15/540)";
      }
    };
  }

  private static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
