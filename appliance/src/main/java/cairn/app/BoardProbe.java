package cairn.app;

import cairn.hardware.board.Throttling;
import cairn.hardware.board.ThrottlingReader;
import cairn.health.Board;
import cairn.health.SystemProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The board's health: temperature, the firmware's throttling flags, the kernel's uptime, how the
 * previous run ended, spool write errors. The previous run's end is read once at start from
 * {@code DATA/last-stop}, which the unit's {@code ExecStopPost=} writes from systemd's
 * {@code $SERVICE_RESULT $EXIT_CODE $EXIT_STATUS} and which is then removed: a box whose power was
 * cut has no such file. Any thread.
 */
final class BoardProbe {
  static final String LAST_STOP_FILE = "last-stop";
  private static final Logger LOG = Logger.getLogger(BoardProbe.class.getName());

  private final SystemProbe system;
  private final ThrottlingReader throttling;
  private final Path procUptime;
  private final String lastStop;
  private final AtomicLong spoolWriteErrors = new AtomicLong();
  private volatile Optional<Throttling> latest = Optional.empty();

  BoardProbe(SystemProbe system, ThrottlingReader throttling, Path procUptime, Path dataDir) {
    this.system = system;
    this.throttling = throttling;
    this.procUptime = procUptime;
    this.lastStop = takeLastStop(dataDir.resolve(LAST_STOP_FILE));
    LOG.info("previous run: " + lastStop);
  }

  private static String takeLastStop(Path file) {
    try {
      if (!Files.exists(file)) {
        // First start, a power cut, or not run by systemd: short, as it goes into every MQTT health.
        return "none recorded";
      }
      String text = Files.readString(file).strip().replaceAll("\\s+", " ");
      Files.delete(file);
      return text.length() > 200 ? text.substring(0, 200) : text;
    } catch (IOException e) {
      return "unreadable";
    }
  }

  void spoolWriteFailed() {
    spoolWriteErrors.incrementAndGet();
  }

  /** Reads the flags anew; the housekeeping thread calls it every few seconds. */
  Board read() {
    latest = throttling.read();
    return new Board(system.cpuCelsius(), latest.isPresent(), latest.map(Throttling::names).orElse(List.of()),
        underVoltageNow(), systemUptimeS(), lastStop, spoolWriteErrors.get(), system.diskFreeMb());
  }

  /** From the last {@link #read()}: the wrong power supply is the most common field fault. */
  boolean underVoltageNow() {
    return latest.map(Throttling::underVoltageNow).orElse(false);
  }

  private long systemUptimeS() {
    try {
      return (long) Double.parseDouble(Files.readString(procUptime).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
