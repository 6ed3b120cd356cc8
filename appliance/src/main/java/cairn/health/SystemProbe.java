package cairn.health;

import cairn.hardware.thermal.CpuThermometer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the machine's own figures for {@link Health}: CPU temperature (thermal zones), load
 * average and memory ({@code /proc}), free disk where the data lives. Anything it cannot read is
 * reported empty or 0, never an exception: health must go out even on a half-broken box.
 * Thread-safe (stateless).
 */
public final class SystemProbe {
  private final Path proc;
  private final Path dataDir;
  private final CpuThermometer thermometer;

  public SystemProbe(Path proc, Path dataDir, CpuThermometer thermometer) {
    this.proc = proc;
    this.dataDir = dataDir;
    this.thermometer = thermometer;
  }

  public static SystemProbe of(Path dataDir) {
    return new SystemProbe(Path.of("/proc"), dataDir, new CpuThermometer(CpuThermometer.SYSFS_THERMAL));
  }

  public OptionalDouble cpuCelsius() {
    return thermometer.read().map(t -> OptionalDouble.of(Math.round(t.celsius() * 10) / 10.0))
        .orElse(OptionalDouble.empty());
  }

  /** The one-minute load average. */
  public OptionalDouble load1() {
    try {
      String first = Files.readString(proc.resolve("loadavg")).strip().split("\\s+")[0];
      return OptionalDouble.of(Double.parseDouble(first));
    } catch (IOException | RuntimeException e) {
      return OptionalDouble.empty();
    }
  }

  public long memAvailableMb() {
    return meminfoKb("MemAvailable:").orElse(0) / 1024;
  }

  public long memTotalMb() {
    return meminfoKb("MemTotal:").orElse(0) / 1024;
  }

  /** Heap in use by Cairn's JVM; FFmpeg's buffers live outside it. */
  public long jvmUsedMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
  }

  /** statvfs(3) on the folder: no mount table needed, so it also works in a chroot (0 when missing). */
  public long diskFreeMb() {
    return dataDir.toFile().getUsableSpace() >> 20;
  }

  private OptionalLong meminfoKb(String field) {
    try {
      for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
        if (line.startsWith(field)) {
          return OptionalLong.of(Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or a format we do not know: report nothing.
    }
    return OptionalLong.empty();
  }
}
