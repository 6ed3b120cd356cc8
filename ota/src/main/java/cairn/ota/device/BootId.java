package cairn.ota.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The kernel's id of this boot; cairn-run compares it with the trial's to see a reboot during a trial. */
public final class BootId {
    private BootId() {}

    /** {@code CAIRN_BOOT_ID_FILE} (tests) or the kernel's file; "unknown" where neither can be read. */
    public static String read() {
        String file = System.getenv().getOrDefault("CAIRN_BOOT_ID_FILE", "/proc/sys/kernel/random/boot_id");
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
