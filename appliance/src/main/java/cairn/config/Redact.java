package cairn.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of whatever the box reports (logs, status.json, MQTT): credentials inside a URL
 * ({@code rtsp://user:secret@host/…} becomes {@code rtsp://***@host/…}) and the value of every secret
 * key the config has read, wherever it appears, even inside a native library's error message.
 */
public final class Redact {
  /** A scheme, then everything up to the last {@code @} before the host's first {@code /}. */
  private static final Pattern URL_CREDENTIALS = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/\\s\"']*@");
  /** Shorter values would turn ordinary words into stars; the schema asks more of real secrets. */
  private static final int SHORTEST_SCRUBBED = 4;
  private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

  private Redact() {}

  /** From now on {@link #text} replaces {@code secret} wherever it appears. */
  static void remember(String secret) {
    if (secret != null && secret.length() >= SHORTEST_SCRUBBED) {
      SECRETS.add(secret);
    }
  }

  /** Remembers the password (or token) a URL carries before its host. */
  static void rememberCredentialsOf(String url) {
    var m = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://([^/\\s]*)@").matcher(url);
    while (m.find()) {
      String userInfo = m.group(1);
      int colon = userInfo.indexOf(':');
      remember(colon < 0 ? userInfo : userInfo.substring(colon + 1));
    }
  }

  public static String url(String url) {
    return text(url);
  }

  /** {@code text} with URL credentials and every remembered secret replaced by {@code ***}. */
  public static String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
    for (String secret : SECRETS) {
      s = s.replace(secret, "***");
    }
    return s;
  }
}
