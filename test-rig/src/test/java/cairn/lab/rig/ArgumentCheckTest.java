package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentCheckTest {

    @Test
    void testPatternBecomesScriptArguments() {
        assertEquals(List.of("--testsrc", "--width", "640", "--height", "360", "--fps", "25"),
                CameraSource.testPattern(640, 360, 25).arguments());
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertEquals("Test pattern size must be positive and even, got 641x360.",
                assertThrows(IllegalArgumentException.class, () -> CameraSource.testPattern(641, 360, 25)).getMessage());
        assertEquals("Clip fps must be 1 to 120, got 0.",
                assertThrows(IllegalArgumentException.class, () -> new ClipFormat(320, 240, 0, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CameraSource.file(Path.of("/no/such/clip.mp4")));
    }

    @Test
    void freePortIsOnlyAnIntegerInRange() {
        int port = FreePort.find();
        assertEquals(true, port > 0 && port < 65536, "port " + port);
    }
}
