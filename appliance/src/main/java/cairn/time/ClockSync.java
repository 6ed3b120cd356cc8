package cairn.time;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the wall clock can be trusted. A Pi has no real-time clock: until NTP has answered,
 * the time is whatever was saved at the last shutdown. systemd-timesyncd marks success by creating
 * {@code /run/systemd/timesync/synchronized}; on a machine without timesyncd the clock is
 * assumed right (a desktop, a CI runner).
 */
public final class ClockSync implements BooleanSupplier {
  public static final Path TIMESYNCD_MARKER = Path.of("/run/systemd/timesync/synchronized");

  private final Path marker;
  private volatile boolean synced;

  public ClockSync(Path marker) {
    this.marker = marker;
  }

  public static ClockSync system() {
    return new ClockSync(TIMESYNCD_MARKER);
  }

  /** True once synchronised; it stays true (the clock does not become wrong again). */
  @Override
  public boolean getAsBoolean() {
    if (!synced) {
      synced = Files.exists(marker) || !Files.isDirectory(marker.getParent());
    }
    return synced;
  }
}
