package cairn.hardware.modem;

/** Whether the modem is registered with a network, as 3GPP TS 27.007 {@code +CREG}/{@code +CEREG} put it. */
public enum Registration {
    HOME,
    ROAMING,
    SEARCHING,
    NOT_REGISTERED,
    DENIED,
    UNKNOWN;

    public boolean registered() {
        return this == HOME || this == ROAMING;
    }

    /**
     * Maps a TS 27.007 {@code <stat>}: 1, 6 (SMS only), 9 (CSFB not preferred) are home; 5, 7, 10 roaming; 2
     * searching; 3 denied; 4 unknown; 0, 8 (emergency only), 11 (RLOS only) not registered. Null for other values.
     */
    static Registration fromStat(int stat) {
        switch (stat) {
            case 1:
            case 6:
            case 9:
                return HOME;
            case 5:
            case 7:
            case 10:
                return ROAMING;
            case 2:
                return SEARCHING;
            case 3:
                return DENIED;
            case 4:
                return UNKNOWN;
            case 0:
            case 8:
            case 11:
                return NOT_REGISTERED;
            default:
                return null;
        }
    }
}
