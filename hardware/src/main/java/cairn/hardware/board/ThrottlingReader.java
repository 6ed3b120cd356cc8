package cairn.hardware.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads the firmware's throttling word: the Raspberry Pi kernel's sysfs file when it exists (no process to start),
 * else {@code vcgencmd get_throttled}. Empty on machines that have neither (not a Pi) or when the answer is not a
 * throttling word. Never throws; a read takes at most about 2 s. Any thread.
 */
public final class ThrottlingReader {
    public static final Path SYSFS = Path.of("/sys/devices/platform/soc/soc:firmware/get_throttled");
    public static final Path VCGENCMD = Path.of("/usr/bin/vcgencmd");

    private final Path sysfs;
    private final Path vcgencmd;

    public ThrottlingReader(Path sysfs, Path vcgencmd) {
        this.sysfs = sysfs;
        this.vcgencmd = vcgencmd;
    }

    public static ThrottlingReader forThisMachine() {
        return new ThrottlingReader(SYSFS, VCGENCMD);
    }

    public Optional<Throttling> read() {
        try {
            if (Files.isReadable(sysfs)) {
                return Optional.of(Throttling.parse(Files.readString(sysfs, StandardCharsets.US_ASCII)));
            }
            if (Files.isExecutable(vcgencmd)) {
                return fromVcgencmd();
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<Throttling> fromVcgencmd() throws IOException {
        Process p = new ProcessBuilder(List.of(vcgencmd.toString(), "get_throttled")).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(p.getInputStream().readNBytes(256), StandardCharsets.US_ASCII);
            return p.exitValue() == 0 ? Optional.of(Throttling.parse(out)) : Optional.empty();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            p.getInputStream().close();
        }
    }
}
