package cairn.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the INI-style file an installer edits on the SD card: {@code [section]} headers,
 * {@code key = value} lines, {@code #} or {@code ;} comments, values optionally in double quotes.
 * It checks only the shape of lines; {@link ConfigLoader} checks keys and values.
 */
final class ConfigFileParser {
  private ConfigFileParser() {}

  static Map<String, Setting> parse(Path file) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "file", "cannot be read (" + e.getMessage() + ")", "");
    }
    Map<String, Setting> out = new LinkedHashMap<>();
    String section = null;
    for (int i = 0; i < lines.size(); i++) {
      String where = file + ":" + (i + 1);
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        section = sectionName(line, where);
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(where, line, "not a 'key = value' line", "key = value, [section], or # comment");
      }
      String key = line.substring(0, eq).strip();
      if (section == null) {
        throw new ConfigException(where, key, "comes before any [section]", ConfigLoader.sectionsAllowed());
      }
      String path = section + "." + key;
      String value = value(line.substring(eq + 1).strip(), where, path);
      Setting earlier = out.put(path, new Setting(path, value, where));
      if (earlier != null) {
        throw new ConfigException(where, path, "is set twice (also at " + earlier.where() + ")", "one value per key");
      }
    }
    return out;
  }

  private static String sectionName(String line, String where) throws ConfigException {
    if (!line.endsWith("]")) {
      throw new ConfigException(where, line, "section header has no closing ]", "[section]");
    }
    return line.substring(1, line.length() - 1).strip();
  }

  private static String value(String raw, String where, String path) throws ConfigException {
    if (raw.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < raw.length()) {
          sb.append(raw.charAt(++i));
        } else if (c == '"') {
          String rest = raw.substring(i + 1).strip();
          if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith(";")) {
            throw new ConfigException(where, path, "text after the closing quote", "a comment after #");
          }
          return sb.toString();
        } else {
          sb.append(c);
        }
      }
      throw new ConfigException(where, path, "quoted value has no closing quote", "\"text\"");
    }
    int hash = indexOfComment(raw);
    return (hash < 0 ? raw : raw.substring(0, hash)).strip();
  }

  /** A comment after a value starts at a # or ; that follows white space, so URLs with # survive. */
  private static int indexOfComment(String s) {
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c == '#' || c == ';') && Character.isWhitespace(s.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }
}
