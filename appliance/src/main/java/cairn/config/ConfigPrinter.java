package cairn.config;

/** Writes the effective config back in the file's own format, each key with its help: a template. */
public final class ConfigPrinter {
  private ConfigPrinter() {}

  public static String print(ConfigValues v) {
    StringBuilder sb = new StringBuilder("# Cairn effective config\n");
    String section = null;
    for (Key<?> k : ConfigSchema.GLOBAL_KEYS) {
      if (!k.section().equals(section)) {
        section = k.section();
        sb.append("\n[").append(section).append("]\n");
      }
      line(sb, k, v.get(k));
    }
    for (String cam : v.cameraNames()) {
      sb.append("\n[camera.").append(cam).append("]\n");
      for (Key<?> k : ConfigSchema.CAMERA_KEYS) {
        line(sb, k, v.camera(cam, k));
      }
    }
    return sb.toString();
  }

  @SuppressWarnings("unchecked")
  private static <T> void line(StringBuilder sb, Key<T> k, Object value) {
    String text = k.type().shown((T) value);
    boolean quote = text.isEmpty() || text.contains("#") || text.contains(";") || text.startsWith("\"");
    sb.append("# ").append(k.help()).append(" Allowed: ").append(k.type().allowed()).append(".")
        .append(k.type().secret() ? " Secret: never shown, *** here when set.\n" : "\n");
    sb.append(k.name()).append(" = ")
        .append(quote ? '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : text).append('\n');
  }
}
