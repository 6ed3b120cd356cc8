package cairn.lab.modem;

/**
 * The XML bodies of a HiLink router's API for one {@link TraceRadio.State}, shaped like an E3372h's answers
 * (hardware's test resources): {@code <response>} with one element per field, an empty element for a value the
 * router does not have. Pure.
 */
final class RouterPages {

    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    /** Lab network code: MCC 001, MNC 01 is the ITU's test network. */
    private static final String PLMN = "00101";

    private RouterPages() {}

    static String session(String sesInfo, String tokInfo) {
        return HEAD + "<response>\n<SesInfo>" + sesInfo + "</SesInfo>\n<TokInfo>" + tokInfo + "</TokInfo>\n"
                + "</response>\n";
    }

    /** What routers answer (with HTTP 200) to a request without the current session cookie and token. */
    static String error(int code) {
        return HEAD + "<error>\n<code>" + code + "</code>\n<message></message>\n</error>\n";
    }

    static String status(TraceRadio.State s) {
        return HEAD + "<response>\n"
                + field("ConnectionStatus", s.service() ? "901" : "902")
                + field("SignalStrength", "")
                + field("SignalIcon", Integer.toString(s.signalIcon()))
                + field("CurrentNetworkType", Integer.toString(s.codes().type()))
                + field("CurrentServiceDomain", s.service() ? "3" : "0")
                + field("RoamingStatus", "0")
                + field("ServiceStatus", s.service() ? "2" : "0")
                + field("SimStatus", "1")
                + field("CurrentNetworkTypeEx", Integer.toString(s.codes().typeEx()))
                + field("maxsignal", "5")
                + field("classify", "hilink")
                + field("flymode", "0")
                + "</response>\n";
    }

    static String signal(TraceRadio.State s) {
        return HEAD + "<response>\n"
                + field("rsrq", value(s.rsrq(), "dB"))
                + field("rsrp", value(s.rsrp(), "dBm"))
                + field("rssi", value(s.rssi(), "dBm"))
                + field("sinr", value(s.sinr(), "dB"))
                + field("rscp", value(s.rscp(), "dBm"))
                + field("ecio", value(s.ecio(), "dB"))
                + field("mode", s.service() ? Integer.toString(s.codes().accessTechnology()) : "")
                + "</response>\n";
    }

    static String plmn(TraceRadio.State s) {
        return HEAD + "<response>\n"
                + field("State", s.service() ? "0" : "1")
                + field("FullName", s.service() ? "Cairn lab" : "")
                + field("ShortName", s.service() ? "Lab" : "")
                + field("Numeric", s.service() ? PLMN : "")
                + field("Rat", s.service() ? Integer.toString(s.codes().accessTechnology()) : "")
                + "</response>\n";
    }

    private static String field(String name, String value) {
        return "<" + name + ">" + value + "</" + name + ">\n";
    }

    private static String value(Integer v, String unit) {
        return v == null ? "" : v + unit;
    }
}
