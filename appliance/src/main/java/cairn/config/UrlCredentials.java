package cairn.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upload URL split into the address and the credentials written into it
 * ({@code http://user:pw@host/path} → {@code http://host/path}, user, pw). Java's HTTP client never
 * sends a URL's user info, so the uplink sends them as basic auth instead.
 */
record UrlCredentials(String url, String user, String password) {
  /** A scheme, then everything up to the last {@code @} before the host's first {@code /}. */
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/]*)@(.*)$");

  static UrlCredentials of(String url) {
    Matcher m = USER_INFO.matcher(url);
    if (!m.matches()) {
      return new UrlCredentials(url, "", "");
    }
    String info = m.group(2);
    int colon = info.indexOf(':');
    String user = colon < 0 ? info : info.substring(0, colon);
    String password = colon < 0 ? "" : info.substring(colon + 1);
    return new UrlCredentials(m.group(1) + m.group(3), decode(user), decode(password));
  }

  boolean present() {
    return !user.isEmpty() || !password.isEmpty();
  }

  /** Percent-decoding only: a {@code +} in a URL's user info is a plus, not a space. */
  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
