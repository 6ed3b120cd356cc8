package cairn.uplink;

/**
 * One finished request, for the link monitor and rate controller: what was sent, how long it took
 * from sending to the answer, whether it was live, and the HTTP status (0 when no answer came).
 */
public record UploadSample(String camera, long bytes, long nanos, boolean live, int status) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** Delivered bits per second over this request, or 0. */
  public double bitsPerSecond() {
    return nanos <= 0 ? 0 : bytes * 8e9 / nanos;
  }
}
