package cairn.lab.modem;

import cairn.lab.link.LinkSchedule;
import cairn.lab.link.MahimahiTrace;

/**
 * What the modem would say at a moment of the replayed link, a pure function of milliseconds since the link started.
 *
 * <p>Second {@code s} is judged by the trace's uplink capacity in that second ({@code kbps}, outages not counted):
 * <pre>
 *  q = 0 at or below the family's poor rate, 1 at or above its good rate, log-linear between
 *      (LTE 100..15000 kbit/s; UMTS and EV-DO 50..2000 kbit/s)
 *
 *  moment                                  reports
 *  inside an --outage                      no service: network type 0, ServiceStatus 0, SignalIcon 0, no values
 *  3G family, the 3rd or later second in   no service
 *    a row the trace carries nothing
 *  3G family, another dead second          2G (EDGE for UMTS, CDMA 1x for EV-DO), RSSI -105 dBm, SignalIcon 1
 *  LTE, any other second                   LTE; RSSI -105+50q dBm, RSRP -125+50q dBm, RSRQ -19+13q dB, SINR -5+30q dB
 *  3G family, any other second             HSPA+ (UMTS) or EV-DO rev. A; RSSI -105+50q dBm, RSCP -115+50q dBm,
 *                                          Ec/Io -20+16q dB
 *  SignalIcon (of 5) while in service: max(1, round(5q))
 * </pre>
 * Every value rises with capacity and is rounded to a whole number, as routers print them. Without a trace (an
 * unlimited uplink) the signal is the family's best. Immutable and thread-safe.
 */
public final class TraceRadio {

    static final int DEAD_SECONDS_FOR_NO_SERVICE = 3;

    /** One moment's report; a null value is an empty element. */
    public record State(boolean service, NetworkFamily.Codes codes, int signalIcon, Integer rssi, Integer rsrp,
            Integer rsrq, Integer sinr, Integer rscp, Integer ecio) {

        static final State NO_SERVICE = new State(false, new NetworkFamily.Codes(0, 0, -1), 0, null, null, null, null,
                null, null);
    }

    private final LinkSchedule uplink;
    private final NetworkFamily family;

    public TraceRadio(LinkSchedule uplink, NetworkFamily family) {
        this.uplink = uplink;
        this.family = family;
    }

    public NetworkFamily family() {
        return family;
    }

    public State at(long linkMs) {
        long ms = Math.max(0, linkMs);
        if (!uplink.isUp(ms)) {
            return State.NO_SERVICE;
        }
        long second = ms / 1000;
        double kbps = kbps(second);
        if (kbps == 0 && family.fallback() != null) {
            return deadFor(second) >= DEAD_SECONDS_FOR_NO_SERVICE ? State.NO_SERVICE
                    : new State(true, family.fallback(), 1, -105, null, null, null, null, null);
        }
        double q = family.quality(kbps);
        int icon = Math.max(1, (int) Math.round(5 * q));
        if (family == NetworkFamily.LTE) {
            return new State(true, family.codes(), icon, round(-105 + 50 * q), round(-125 + 50 * q),
                    round(-19 + 13 * q), round(-5 + 30 * q), null, null);
        }
        return new State(true, family.codes(), icon, round(-105 + 50 * q), null, null, null, round(-115 + 50 * q),
                round(-20 + 16 * q));
    }

    /** The trace's capacity in second {@code s}, outages not counted; infinite without a trace. */
    double kbps(long s) {
        if (uplink.trace().isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        return uplink.trace().get().opportunitiesBetween(s * 1000, s * 1000 + 1000) * MahimahiTrace.PACKET_BYTES * 8
                / 1000.0;
    }

    /** How many seconds in a row, ending with {@code s}, the trace carried nothing (at most the limit that matters). */
    private int deadFor(long s) {
        int n = 0;
        while (n < DEAD_SECONDS_FOR_NO_SERVICE && s - n >= 0 && kbps(s - n) == 0) {
            n++;
        }
        return n;
    }

    private static int round(double v) {
        return (int) Math.round(v);
    }
}
