package cairn.lab.modem;

import java.util.Locale;

/**
 * The radio a trace was recorded on, guessed from its file name (Mahimahi's traces are named after it:
 * {@code TMobile-UMTS-driving.up}, {@code Verizon-EVDO-driving.up}, {@code ATT-LTE-driving-2016.up}), with the
 * HiLink codes the fake router reports for it. A name that says nothing is taken as LTE, today's usual uplink.
 *
 * <p>Codes: {@code CurrentNetworkType} and {@code CurrentNetworkTypeEx} of the HiLink web UI (hardware/README.md),
 * {@code mode} a 3GPP access technology (7 E-UTRAN, 2 UTRAN, 0 GSM; HiLink has none for CDMA, so EV-DO reports UTRAN
 * and CDMA 1x GSM, the same generations).
 */
public enum NetworkFamily {
    /** LTE all along: a dead second keeps LTE with the weakest signal. */
    LTE("LTE", new Codes(19, 101, 7), null, 100, 15_000),
    /** HSPA+, falling back to EDGE in a dead second. */
    UMTS("3G (HSPA+)", new Codes(9, 45, 2), new Codes(3, 3, 0), 50, 2_000),
    /** EV-DO rev. A, falling back to CDMA 1x in a dead second. */
    EVDO("3G (EV-DO)", new Codes(11, 25, 2), new Codes(13, 23, 0), 50, 2_000);

    /** {@code CurrentNetworkType}, {@code CurrentNetworkTypeEx} and the signal's {@code mode}. */
    public record Codes(int type, int typeEx, int accessTechnology) {}

    private final String label;
    private final Codes codes;
    private final Codes fallback;
    private final double lowKbps;
    private final double highKbps;

    NetworkFamily(String label, Codes codes, Codes fallback, double lowKbps, double highKbps) {
        this.label = label;
        this.codes = codes;
        this.fallback = fallback;
        this.lowKbps = lowKbps;
        this.highKbps = highKbps;
    }

    public static NetworkFamily ofTrace(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.contains("umts") || n.contains("hspa") || n.contains("wcdma") || n.contains("3g")) {
            return UMTS;
        }
        if (n.contains("evdo") || n.contains("ev-do") || n.contains("cdma")) {
            return EVDO;
        }
        return LTE;
    }

    public String label() {
        return label;
    }

    Codes codes() {
        return codes;
    }

    /** What a dead second reports; null when the family keeps its own codes. */
    Codes fallback() {
        return fallback;
    }

    /** 0 at or below the family's poor rate, 1 at or above its good rate, logarithmic between. */
    double quality(double kbps) {
        if (kbps <= lowKbps) {
            return 0;
        }
        return Math.min(1, Math.log(kbps / lowKbps) / Math.log(highKbps / lowKbps));
    }
}
