package cairn.hardware.modem;

import java.util.Optional;
import java.util.OptionalInt;

/** The radio generation a modem is attached with, or {@link #NONE} when it has no service. */
public enum NetworkMode {
    NONE("none", 0),
    TWO_G("2G", 2),
    THREE_G("3G", 3),
    FOUR_G("4G", 4),
    FIVE_G("5G", 5);

    private final String label;
    private final int generation;

    NetworkMode(String label, int generation) {
        this.label = label;
        this.generation = generation;
    }

    /** {@code none}, {@code 2G} … {@code 5G}: what goes into logs and MQTT health. */
    public String label() {
        return label;
    }

    /** 0 for no service, else 2..5; a drop in this number is the rate controller's early hint. */
    public int generation() {
        return generation;
    }

    /**
     * Maps a 3GPP TS 27.007 access technology ({@code <AcT>} of {@code +COPS}, {@code +CREG}, {@code +CEREG}; also
     * HiLink's {@code Rat} and {@code mode}) to a generation; empty for values the standard does not define.
     */
    public static Optional<NetworkMode> fromAccessTechnology(int act) {
        switch (act) {
            case 0: // GSM
            case 1: // GSM Compact
            case 3: // GSM w/EGPRS
            case 8: // EC-GSM-IoT
                return Optional.of(TWO_G);
            case 2: // UTRAN
            case 4: // UTRAN w/HSDPA
            case 5: // UTRAN w/HSUPA
            case 6: // UTRAN w/HSDPA and HSUPA
                return Optional.of(THREE_G);
            case 7: // E-UTRAN
            case 9: // E-UTRAN (NB-S1 mode)
            case 10: // E-UTRA connected to a 5GCN
                return Optional.of(FOUR_G);
            case 11: // NR connected to a 5GCN
            case 12: // NG-RAN
            case 13: // E-UTRA-NR dual connectivity (5G non-standalone)
                return Optional.of(FIVE_G);
            default:
                return Optional.empty();
        }
    }

    /** Parses a decimal access technology as found in AT replies; empty when it is not a number. */
    static Optional<NetworkMode> fromAccessTechnology(String act) {
        OptionalInt value = Numbers.parseInt(act);
        return value.isPresent() ? fromAccessTechnology(value.getAsInt()) : Optional.empty();
    }
}
