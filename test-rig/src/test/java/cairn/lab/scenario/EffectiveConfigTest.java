package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EffectiveConfigTest {

    private static final String PRINTED = """
            # Cairn effective config

            [device]
            # Name of this box.
            id = hut-7

            [segment]
            seconds = 2s
            idle_seconds = 500ms

            [encoder]
            max_kbps = 1500

            [uplink]
            url = ""

            [camera.cam1]
            source = rtsp://127.0.0.1:8554/cam
            """;

    @Test
    void readsSectionsKeysAndDurationsAsPrinted() throws Exception {
        EffectiveConfig c = EffectiveConfig.parse(PRINTED);
        assertEquals("hut-7", c.require("device.id"));
        assertEquals(1500, c.whole("encoder.max_kbps"));
        assertEquals(2.0, c.seconds("segment.seconds"));
        assertEquals(0.5, c.seconds("segment.idle_seconds"));
        assertEquals("", c.require("uplink.url"));
        assertEquals("rtsp://127.0.0.1:8554/cam", c.require("camera.cam1.source"));
        assertTrue(c.hasSection("uplink"));
        assertFalse(c.hasSection("mqtt"), "an appliance without MQTT prints no [mqtt]");
    }
}
