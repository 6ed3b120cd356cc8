package cairn.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The kernel's id of this boot, shortened. Monotonic times are comparable only within one boot,
 * so segments carry it; where the kernel does not say, a random id per process stands in.
 */
final class BootId {
  private BootId() {}

  static String read() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "").substring(0, 12);
    } catch (IOException | RuntimeException e) {
      return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
  }
}
