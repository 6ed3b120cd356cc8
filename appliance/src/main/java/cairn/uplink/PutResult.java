package cairn.uplink;

/** What one PUT achieved: HTTP status, body bytes sent, time from sending to the status line. */
public record PutResult(int status, long bytes, long nanos) {
  public boolean ok() {
    return status >= 200 && status < 300;
  }
}
