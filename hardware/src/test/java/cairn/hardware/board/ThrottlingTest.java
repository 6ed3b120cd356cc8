package cairn.hardware.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThrottlingTest {
    @TempDir
    Path dir;

    @Test
    void aWeakPowerSupplyReadsAsUnderVoltageNowAndSinceBoot() {
        Throttling t = Throttling.parse("throttled=0x50005\n");
        assertTrue(t.underVoltageNow());
        assertTrue(t.underVoltageSinceBoot());
        assertTrue(t.throttledNow());
        assertEquals(List.of("under_voltage", "throttled", "under_voltage_since_boot", "throttled_since_boot"), t.names());
    }

    @Test
    void theSysfsFormatHasNoPrefix() {
        assertEquals(new Throttling(0x80000), Throttling.parse("80000\n"));
        assertFalse(Throttling.parse("0").underVoltageNow());
        assertEquals(List.of("soft_temp_limit_since_boot"), Throttling.parse("80000").names());
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : List.of("", "throttled=", "error=1 error_msg=\"Command not registered\"", "0xzz", "123456789")) {
            assertThrows(IllegalArgumentException.class, () -> Throttling.parse(bad), bad);
        }
    }

    @Test
    void sysfsFirstThenVcgencmdElseNothing() throws Exception {
        Path sysfs = dir.resolve("get_throttled");
        Path vcgencmd = dir.resolve("vcgencmd");
        Files.writeString(vcgencmd, "#!/bin/sh\necho throttled=0x1\n");
        Files.setPosixFilePermissions(vcgencmd, PosixFilePermissions.fromString("rwxr-xr-x"));
        ThrottlingReader reader = new ThrottlingReader(sysfs, vcgencmd);
        assertEquals(Optional.of(new Throttling(1)), reader.read(), "vcgencmd when there is no sysfs file");
        Files.writeString(sysfs, "50000\n");
        assertEquals(Optional.of(new Throttling(0x50000)), reader.read());
        Files.writeString(sysfs, "garbage\n");
        assertEquals(Optional.empty(), reader.read());
        assertEquals(Optional.empty(), new ThrottlingReader(dir.resolve("none"), dir.resolve("none")).read());
    }
}
