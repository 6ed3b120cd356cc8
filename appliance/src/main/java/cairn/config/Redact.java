package cairn.config;

/** Keeps secrets out of logs: {@code rtsp://user:secret@host/…} becomes {@code rtsp://***@host/…}. */
public final class Redact {
  private Redact() {}

  public static String url(String url) {
    return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1***@");
  }
}
