package cairn.hardware.led;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which BCM GPIO number drives which LED; every pin is a usable header GPIO (2..27) and no two LEDs share one.
 *
 * <p>The defaults are wired as shown in {@code hardware/README.md}.
 */
public record LedPinTable(int power, int link, int recording, int backlog, int error) {
    public static final LedPinTable DEFAULTS = new LedPinTable(17, 27, 22, 23, 24);

    private static final int LOWEST_HEADER_GPIO = 2;
    private static final int HIGHEST_HEADER_GPIO = 27;

    public LedPinTable {
        Map<Integer, Led> taken = new HashMap<>();
        int[] pins = {power, link, recording, backlog, error};
        for (Led led : Led.values()) {
            int pin = pins[led.ordinal()];
            String key = "leds.pin." + led.name().toLowerCase(Locale.ROOT);
            if (pin < LOWEST_HEADER_GPIO || pin > HIGHEST_HEADER_GPIO) {
                throw new IllegalArgumentException("'" + key + "' must be a BCM GPIO number from "
                        + LOWEST_HEADER_GPIO + " to " + HIGHEST_HEADER_GPIO + ", got " + pin);
            }
            Led other = taken.putIfAbsent(pin, led);
            if (other != null) {
                throw new IllegalArgumentException("'" + key + "' uses GPIO " + pin + ", which already drives "
                        + other + "; each LED needs its own pin");
            }
        }
    }

    public int bcmPin(Led led) {
        return switch (led) {
            case POWER -> power;
            case LINK -> link;
            case RECORDING -> recording;
            case BACKLOG -> backlog;
            case ERROR -> error;
        };
    }
}
