package cairn.hardware.thermal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the CPU temperature from the kernel's thermal zones ({@code <root>/thermal_zone<N>/temp}, millidegrees).
 *
 * <p>Prefers the zone whose {@code type} is {@code cpu-thermal} (the Pi's SoC sensor); without one, reports the
 * hottest zone. Zones that cannot be read, hold no number, or report an implausible value (outside -40..150 °C)
 * are skipped; when none is left the result is empty. Stateless and thread-safe.
 */
public final class CpuThermometer {
    public static final Path SYSFS_THERMAL = Path.of("/sys/class/thermal");

    private static final Pattern ZONE_NAME = Pattern.compile("thermal_zone(\\d{1,6})");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,7}");
    private static final String PI_CPU_ZONE_TYPE = "cpu-thermal";
    private static final int LOWEST_PLAUSIBLE = -40_000;
    private static final int HIGHEST_PLAUSIBLE = 150_000;
    private static final int MAX_FILE_BYTES = 64;

    private final Path thermalRoot;

    public CpuThermometer(Path thermalRoot) {
        this.thermalRoot = Objects.requireNonNull(thermalRoot, "thermalRoot");
    }

    public Optional<CpuTemperature> read() {
        List<Path> zones = zones();
        List<CpuTemperature> readings = new ArrayList<>();
        for (Path zone : zones) {
            Optional<Integer> temp = readSmall(zone.resolve("temp"))
                    .filter(text -> WHOLE_NUMBER.matcher(text).matches())
                    .map(Integer::valueOf)
                    .filter(value -> value >= LOWEST_PLAUSIBLE && value <= HIGHEST_PLAUSIBLE);
            if (temp.isEmpty()) {
                continue;
            }
            String type = readSmall(zone.resolve("type")).orElse("unknown");
            CpuTemperature reading = new CpuTemperature(zone.getFileName() + ", " + type, temp.get());
            if (type.equals(PI_CPU_ZONE_TYPE)) {
                return Optional.of(reading);
            }
            readings.add(reading);
        }
        return readings.stream().max(Comparator.comparingInt(CpuTemperature::millidegreesCelsius));
    }

    private List<Path> zones() {
        List<Path> zones = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(thermalRoot)) {
            for (Path entry : entries) {
                if (ZONE_NAME.matcher(entry.getFileName().toString()).matches()) {
                    zones.add(entry);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        zones.sort(Comparator.comparingInt(CpuThermometer::zoneNumber));
        return zones;
    }

    private static int zoneNumber(Path zone) {
        return Integer.parseInt(zone.getFileName().toString().substring("thermal_zone".length()));
    }

    private static Optional<String> readSmall(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
