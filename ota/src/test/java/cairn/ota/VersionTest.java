package cairn.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @Test
    void parsesAndPrintsTheSameText() {
        Version v = Version.parse("version", "1.14.0");
        assertEquals(new Version(1, 14, 0), v);
        assertEquals("1.14.0", v.toString());
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertTrue(Version.parse("v", "1.10.0").isNewerThan(Version.parse("v", "1.9.9")));
        assertTrue(Version.parse("v", "2.0.0").isNewerThan(Version.parse("v", "1.99.99")));
        assertFalse(Version.parse("v", "1.2.3").isNewerThan(Version.parse("v", "1.2.3")));
        assertTrue(Version.parse("v", "0.0.1").compareTo(Version.parse("v", "0.1.0")) < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.2.x", "v1.2.3", "1.2.3-rc1", " 1.2.3",
            "1.2.9999999999"})
    void refusesAnythingButThreePlainNumbers(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Version.parse("installed", text));
        assertEquals("'installed' must look like 1.4.2 (three plain numbers), got '" + text + "'", e.getMessage());
    }
}
