package cairn.hardware.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LedPinTableTest {

    @Test
    void defaultsMatchTheWiringInTheReadme() {
        LedPinTable pins = LedPinTable.DEFAULTS;
        assertEquals(17, pins.bcmPin(Led.POWER));
        assertEquals(27, pins.bcmPin(Led.LINK));
        assertEquals(22, pins.bcmPin(Led.RECORDING));
        assertEquals(23, pins.bcmPin(Led.BACKLOG));
        assertEquals(24, pins.bcmPin(Led.ERROR));
    }

    @Test
    void twoLedsOnOnePinAreRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LedPinTable(17, 27, 22, 17, 24));
        assertEquals("'leds.pin.backlog' uses GPIO 17, which already drives POWER; each LED needs its own pin",
                e.getMessage());
    }

    @Test
    void pinsOutsideTheHeaderAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LedPinTable(17, 27, 22, 23, 40));
        assertEquals("'leds.pin.error' must be a BCM GPIO number from 2 to 27, got 40", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LedPinTable(1, 27, 22, 23, 24));
    }
}
