package cairn.health;

import java.util.List;
import java.util.OptionalDouble;

/**
 * The board's own health, for status.json and MQTT health.
 *
 * @param throttling the firmware's flags now and since boot ({@code under_voltage}, {@code throttled_since_boot},
 *     …); empty list when all is well, and when the machine is not a Pi ({@code throttlingKnown} false)
 * @param systemUptimeS since the kernel booted; the appliance's own uptime is in {@link Health#uptimeS()}
 * @param lastStop how the previous run of the service ended, as systemd recorded it, or why that is unknown
 * @param spoolWriteErrors how often the spool stopped storing since start (each fault counted once, however many
 *     writes it refused); with {@code diskFreeMb} the only disk-wear
 *     hints in reach (SD card errors in the kernel log are not read)
 */
public record Board(OptionalDouble cpuCelsius, boolean throttlingKnown, List<String> throttling, boolean underVoltageNow,
    long systemUptimeS, String lastStop, long spoolWriteErrors, long diskFreeMb) {
  public Board {
    throttling = List.copyOf(throttling);
  }
}
