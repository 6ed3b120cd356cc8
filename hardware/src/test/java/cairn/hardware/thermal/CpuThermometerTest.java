package cairn.hardware.thermal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuThermometerTest {
    @TempDir
    Path root;

    private void zone(int number, String type, String temp) throws IOException {
        Path zone = Files.createDirectories(root.resolve("thermal_zone" + number));
        if (type != null) {
            Files.writeString(zone.resolve("type"), type + "\n");
        }
        if (temp != null) {
            Files.writeString(zone.resolve("temp"), temp);
        }
    }

    private Optional<CpuTemperature> read() {
        return new CpuThermometer(root).read();
    }

    @Test
    void readsThePiCpuZoneInMillidegrees() throws IOException {
        zone(0, "cpu-thermal", "48312\n");
        CpuTemperature reading = read().orElseThrow();
        assertEquals(48_312, reading.millidegreesCelsius());
        assertEquals(48.312, reading.celsius(), 1e-9);
        assertEquals("thermal_zone0, cpu-thermal", reading.zone());
    }

    @Test
    void prefersTheCpuZoneOverHotterOnes() throws IOException {
        zone(0, "pmic-thermal", "71000\n");
        zone(1, "cpu-thermal", "52000\n");
        assertEquals(52_000, read().orElseThrow().millidegreesCelsius());
    }

    @Test
    void withoutACpuZoneReportsTheHottest() throws IOException {
        zone(2, "acpitz", "27800\n");
        zone(10, "x86_pkg_temp", "61000\n");
        zone(1, null, "45000\n");
        CpuTemperature reading = read().orElseThrow();
        assertEquals(61_000, reading.millidegreesCelsius());
        assertEquals("thermal_zone10, x86_pkg_temp", reading.zone());
    }

    @Test
    void belowZeroIsARealReading() throws IOException {
        zone(0, "cpu-thermal", "-12500\n");
        assertEquals(-12.5, read().orElseThrow().celsius(), 1e-9);
    }

    @Test
    void garbageEmptyAndImplausibleZonesAreSkipped() throws IOException {
        zone(0, "cpu-thermal", "hot\n");
        zone(1, "a", "");
        zone(2, "b", "4.2e4\n");
        zone(3, "c", "999999999999\n");
        zone(4, "d", "-274000\n");
        zone(5, "e", "151000\n");
        zone(6, "f", null);
        Files.write(Files.createDirectories(root.resolve("thermal_zone7")).resolve("temp"),
                new byte[] {(byte) 0xff, 0x00, (byte) 0xfe, '4', '2'});
        zone(8, "g", "39000\n");
        assertEquals(39_000, read().orElseThrow().millidegreesCelsius());
    }

    @Test
    void onlyGarbageGivesNoReading() throws IOException {
        zone(0, "cpu-thermal", "Input/output error\n");
        Files.writeString(root.resolve("cooling_device0"), "42000\n", StandardCharsets.US_ASCII);
        assertEquals(Optional.empty(), read());
    }

    @Test
    void aMissingThermalDirectoryGivesNoReading() {
        assertEquals(Optional.empty(), new CpuThermometer(root.resolve("absent")).read());
    }
}
