package cairn.supervise;

/** One stage's state for status.json, MQTT health and the watchdog's STATUS line. */
public record StageReport(String name, StageState state, boolean critical, long restarts, String lastFailure,
    long silentMillis) {
  public boolean healthy() {
    return state != StageState.STUCK;
  }
}
