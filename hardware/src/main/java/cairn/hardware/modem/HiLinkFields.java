package cairn.hardware.modem;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns the fields of {@code /api/monitoring/status}, {@code /api/device/signal} and {@code /api/net/current-plmn}
 * into a {@link ModemSample}. Codes are those of Huawei's HiLink web UI ({@code MACRO_NET_WORK_TYPE_*} and {@code
 * MACRO_NET_WORK_TYPE_EX_*} in its main.js); see hardware/README.md for the sources.
 */
final class HiLinkFields {
    private HiLinkFields() {}

    /** {@code signal} and {@code plmn} may be null when the router does not offer them. */
    static ModemSample sample(HiLinkXml.Fields status, HiLinkXml.Fields signal, HiLinkXml.Fields plmn,
            Instant sampledAt) {
        ModemSample.Builder sample = ModemSample.at(sampledAt);
        sample.mode(mode(status, signal, plmn));
        registration(status).ifPresent(sample::registration);
        if (plmn != null) {
            sample.operator(firstNonBlank(plmn.get("FullName"), plmn.get("ShortName"), plmn.get("Numeric")));
        }
        if (signal != null) {
            sample.rssiDbm(ModemSample.Quantity.RSSI.filter(Numbers.parseMeasurement(signal.get("rssi"))));
            sample.rsrpDbm(ModemSample.Quantity.RSRP.filter(Numbers.parseMeasurement(signal.get("rsrp"))));
            sample.rsrqDb(ModemSample.Quantity.RSRQ.filter(Numbers.parseMeasurement(signal.get("rsrq"))));
            sample.sinrDb(ModemSample.Quantity.SINR.filter(Numbers.parseMeasurement(signal.get("sinr"))));
        }
        signalPercent(status).ifPresent(sample::signalPercent);
        return sample.build();
    }

    /** CurrentNetworkTypeEx first (newer firmware, finer codes), then CurrentNetworkType, then signal/plmn AcT. */
    static Optional<NetworkMode> mode(HiLinkXml.Fields status, HiLinkXml.Fields signal, HiLinkXml.Fields plmn) {
        OptionalInt ex = Numbers.parseInt(status.get("CurrentNetworkTypeEx"));
        if (ex.isPresent() && fromNetworkTypeEx(ex.getAsInt()).isPresent()) {
            return fromNetworkTypeEx(ex.getAsInt());
        }
        OptionalInt type = Numbers.parseInt(status.get("CurrentNetworkType"));
        if (type.isPresent() && fromNetworkType(type.getAsInt()).isPresent()) {
            return fromNetworkType(type.getAsInt());
        }
        if (signal != null && NetworkMode.fromAccessTechnology(signal.get("mode")).isPresent()) {
            return NetworkMode.fromAccessTechnology(signal.get("mode"));
        }
        return plmn == null ? Optional.empty() : NetworkMode.fromAccessTechnology(plmn.get("Rat"));
    }

    /** {@code CurrentNetworkTypeEx}: 0 no service, 1-3 GSM/GPRS/EDGE, 21-36 CDMA family, 41-46 WCDMA…DC-HSPA+. */
    static Optional<NetworkMode> fromNetworkTypeEx(int code) {
        if (code == 0) {
            return Optional.of(NetworkMode.NONE);
        }
        if ((code >= 1 && code <= 3) || (code >= 21 && code <= 23) || code == 27) {
            return Optional.of(NetworkMode.TWO_G); // GSM, GPRS, EDGE; IS-95A/B, CDMA 1x, hybrid CDMA 1x
        }
        if ((code >= 24 && code <= 26) || (code >= 28 && code <= 36) || (code >= 41 && code <= 46)
                || (code >= 61 && code <= 65)) {
            return Optional.of(NetworkMode.THREE_G); // EV-DO, eHRPD, WCDMA…DC-HSPA+, TD-SCDMA family
        }
        if (code == 81 || code == 101 || code == 1011) {
            return Optional.of(NetworkMode.FOUR_G); // 802.16e, LTE, LTE+ (carrier aggregation)
        }
        if (code == 111) {
            return Optional.of(NetworkMode.FIVE_G); // NR
        }
        return Optional.empty();
    }

    /** {@code CurrentNetworkType} (older firmware): 0 none, 1-3 GSM…EDGE, 4-18 3G family, 19 LTE, 20 LTE+NR. */
    static Optional<NetworkMode> fromNetworkType(int code) {
        if (code == 0) {
            return Optional.of(NetworkMode.NONE);
        }
        if ((code >= 1 && code <= 3) || code == 13) {
            return Optional.of(NetworkMode.TWO_G); // GSM, GPRS, EDGE, CDMA 1xRTT
        }
        if ((code >= 4 && code <= 12) || (code >= 14 && code <= 18)) {
            return Optional.of(NetworkMode.THREE_G); // WCDMA, HSxPA, TD-SCDMA, HSPA+, EV-DO, UMB, 1xEV-DV, 3xRTT
        }
        if (code == 19) {
            return Optional.of(NetworkMode.FOUR_G);
        }
        if (code == 20) {
            return Optional.of(NetworkMode.FIVE_G);
        }
        return Optional.empty();
    }

    /**
     * {@code ServiceStatus} mirrors Huawei's {@code ^SYSINFO <srv_status>}: 2 valid service, 0 none, 1 restricted,
     * 3 restricted regional, 4 power saving; {@code RoamingStatus} 1 means roaming.
     */
    static Optional<Registration> registration(HiLinkXml.Fields status) {
        OptionalInt service = Numbers.parseInt(status.get("ServiceStatus"));
        if (service.isEmpty()) {
            return Optional.empty();
        }
        if (service.getAsInt() == 2) {
            boolean roaming = Numbers.parseInt(status.get("RoamingStatus")).orElse(0) == 1;
            return Optional.of(roaming ? Registration.ROAMING : Registration.HOME);
        }
        return service.getAsInt() >= 0 && service.getAsInt() <= 4 ? Optional.of(Registration.NOT_REGISTERED)
                : Optional.empty();
    }

    /** {@code SignalIcon} out of {@code maxsignal} bars (5 when absent); older firmware: {@code SignalStrength} %. */
    static OptionalInt signalPercent(HiLinkXml.Fields status) {
        OptionalInt icon = Numbers.parseInt(status.get("SignalIcon"));
        OptionalInt max = Numbers.parseInt(status.get("maxsignal"));
        int bars = max.isPresent() && max.getAsInt() > 0 ? max.getAsInt() : 5;
        if (icon.isPresent() && icon.getAsInt() >= 0 && icon.getAsInt() <= bars) {
            return OptionalInt.of(Math.round(icon.getAsInt() * 100f / bars));
        }
        OptionalInt strength = Numbers.parseInt(status.get("SignalStrength"));
        if (strength.isPresent() && strength.getAsInt() >= 0 && strength.getAsInt() <= 100) {
            return strength;
        }
        return OptionalInt.empty();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Printable.of(value.strip(), 64);
            }
        }
        return null;
    }
}
