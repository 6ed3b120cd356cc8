package cairn.hardware.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModemSettingsTest {
    private static final InstantSource CLOCK = () -> Instant.EPOCH;

    @Test
    void withoutKeysThereIsNoModem() {
        ModemSettings settings = ModemSettings.fromKeys(Map.of());
        assertEquals(ModemSettings.DEFAULTS, settings);
        assertInstanceOf(NoModemReader.class, settings.reader(CLOCK));
        assertEquals(URI.create("http://192.168.8.1"), settings.url());
        assertEquals(Path.of("/dev/ttyUSB2"), settings.port());
        assertEquals(Path.of("/usr/bin/mmcli"), settings.mmcli());
    }

    @Test
    void eachKindMakesItsReader() {
        ModemReader hilink = ModemSettings.fromKeys(Map.of("link.modem", "hilink",
                "link.modem_url", "http://192.168.1.1")).reader(CLOCK);
        assertEquals("HiLink router at http://192.168.1.1", hilink.describe());
        ModemReader at = ModemSettings.fromKeys(Map.of("link.modem", "AT", "link.modem_port", "/dev/ttyUSB3"))
                .reader(CLOCK);
        assertEquals("AT commands on /dev/ttyUSB3", at.describe());
        ModemReader mmcli = ModemSettings.fromKeys(Map.of("link.modem", " mmcli ", "link.mmcli", "/opt/mm/mmcli"))
                .reader(CLOCK);
        assertEquals("ModemManager through /opt/mm/mmcli", mmcli.describe());
        hilink.close();
        at.close();
        mmcli.close();
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        assertEquals("link.modem must be one of hilink, at, mmcli, none; got 'huawei'", assertThrows(
                IllegalArgumentException.class, () -> ModemSettings.fromKeys(Map.of("link.modem", "huawei")))
                .getMessage());
        assertEquals("link.modem_url must be the router's address such as http://192.168.8.1, got '192.168.8.1'",
                assertThrows(IllegalArgumentException.class,
                        () -> ModemSettings.fromKeys(Map.of("link.modem_url", "192.168.8.1"))).getMessage());
        assertEquals("link.modem_port must be a device path such as /dev/ttyUSB2, got 'ttyUSB2'", assertThrows(
                IllegalArgumentException.class, () -> ModemSettings.fromKeys(Map.of("link.modem_port", "ttyUSB2")))
                .getMessage());
        assertEquals("link.mmcli must be an absolute path, got ''", assertThrows(IllegalArgumentException.class,
                () -> ModemSettings.fromKeys(Map.of("link.mmcli", ""))).getMessage());
    }
}
