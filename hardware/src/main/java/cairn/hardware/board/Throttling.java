package cairn.hardware.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Pi firmware's throttling word, as {@code vcgencmd get_throttled} prints it ({@code throttled=0x50005}) and the
 * Raspberry Pi kernel's {@code get_throttled} sysfs file holds it ({@code 50005}). Bit meanings from the Raspberry
 * Pi documentation (raspberrypi/documentation, "vcgencmd", {@code get_throttled}): 0 under-voltage detected, 1 arm
 * frequency capped, 2 currently throttled, 3 soft temperature limit active; 16..19 the same "has occurred since
 * the last reboot".
 */
public record Throttling(int flags) {
    private static final String[] NAMES = {"under_voltage", "frequency_capped", "throttled", "soft_temp_limit"};

    public boolean underVoltageNow() {
        return bit(0);
    }

    public boolean underVoltageSinceBoot() {
        return bit(16);
    }

    public boolean throttledNow() {
        return bit(2);
    }

    /** The flags set now, then those that occurred since boot with {@code _since_boot}, e.g. {@code under_voltage}. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            if (bit(i)) {
                out.add(NAMES[i]);
            }
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (bit(16 + i)) {
                out.add(NAMES[i] + "_since_boot");
            }
        }
        return out;
    }

    private boolean bit(int n) {
        return (flags & (1 << n)) != 0;
    }

    /** Parses {@code throttled=0x50005}, {@code 0x50005} or {@code 50005} (always hex); throws on anything else. */
    public static Throttling parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("throttled=")) {
            s = s.substring("throttled=".length());
        }
        if (s.startsWith("0x")) {
            s = s.substring(2);
        }
        if (s.isEmpty() || s.length() > 8 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a throttling word: '" + text.strip() + "'");
        }
        return new Throttling((int) Long.parseLong(s, 16));
    }
}
