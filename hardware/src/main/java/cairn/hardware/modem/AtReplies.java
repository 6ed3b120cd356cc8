package cairn.hardware.modem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Parses the replies of 3GPP TS 27.007 {@code +CSQ}, {@code +COPS?}, {@code +CREG?}, {@code +CEREG?} and Quectel's
 * {@code +QCSQ}, and combines them into a {@link ModemSample}. Lines that do not parse leave their fields empty.
 */
final class AtReplies {
    /** One comma-separated field of an AT information line; quotes removed, but remembered. */
    record Field(String text, boolean quoted) {}

    record Csq(OptionalDouble rssiDbm, OptionalInt percent) {}

    record Cops(Optional<String> operator, Optional<NetworkMode> mode) {}

    record Creg(Registration registration, Optional<NetworkMode> mode) {}

    record Qcsq(Optional<NetworkMode> mode, OptionalDouble rssi, OptionalDouble rsrp, OptionalDouble sinr,
            OptionalDouble rsrq) {}

    private AtReplies() {}

    /** Splits what follows the colon of {@code +XXX: a,"b,c",d}; quotes protect commas. */
    static List<Field> fields(String line) {
        int colon = line.indexOf(':');
        String rest = colon < 0 ? "" : line.substring(colon + 1);
        List<Field> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean quoted = false;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                quoted = true;
            } else if (c == ',' && !inQuotes) {
                fields.add(new Field(quoted ? current.toString() : current.toString().strip(), quoted));
                current.setLength(0);
                quoted = false;
            } else {
                current.append(c);
            }
        }
        if (!rest.isBlank() || !fields.isEmpty()) {
            fields.add(new Field(quoted ? current.toString() : current.toString().strip(), quoted));
        }
        return fields;
    }

    /** {@code +CSQ: <rssi>,<ber>}: 0..31 is -113 + 2n dBm, 99 (and the TD-SCDMA 100..199 range) unknown. */
    static Optional<Csq> csq(String line) {
        List<Field> fields = fields(line);
        if (fields.size() < 1) {
            return Optional.empty();
        }
        OptionalInt n = Numbers.parseInt(fields.get(0).text());
        if (n.isEmpty()) {
            return Optional.empty();
        }
        int value = n.getAsInt();
        if (value >= 0 && value <= 31) {
            return Optional.of(new Csq(OptionalDouble.of(-113 + 2 * value),
                    OptionalInt.of(Math.round(value * 100f / 31))));
        }
        return Optional.of(new Csq(OptionalDouble.empty(), OptionalInt.empty()));
    }

    /** {@code +COPS: <mode>[,<format>,<oper>[,<AcT>]]}; just {@code +COPS: 0} when no operator is selected. */
    static Optional<Cops> cops(String line) {
        List<Field> fields = fields(line);
        if (fields.isEmpty() || Numbers.parseInt(fields.get(0).text()).isEmpty()) {
            return Optional.empty();
        }
        Optional<String> operator = fields.size() >= 3 && !fields.get(2).text().isBlank()
                ? Optional.of(Printable.of(fields.get(2).text().strip(), 64)) : Optional.empty();
        Optional<NetworkMode> mode = fields.size() >= 4 ? NetworkMode.fromAccessTechnology(fields.get(3).text())
                : Optional.empty();
        return Optional.of(new Cops(operator, mode));
    }

    /**
     * The read form {@code +CREG: <n>,<stat>[,<lac>,<ci>[,<AcT>]]} (same for {@code +CEREG}). The unsolicited form
     * {@code +CREG: <stat>[,"<lac>",…]} has no {@code <n>}; it is recognised by a single field or a quoted second
     * field, and ignored.
     */
    static Optional<Creg> creg(String line) {
        List<Field> fields = fields(line);
        if (fields.size() < 2 || fields.get(1).quoted()) {
            return Optional.empty();
        }
        OptionalInt n = Numbers.parseInt(fields.get(0).text());
        OptionalInt stat = Numbers.parseInt(fields.get(1).text());
        if (n.isEmpty() || stat.isEmpty() || Registration.fromStat(stat.getAsInt()) == null) {
            return Optional.empty();
        }
        Optional<NetworkMode> mode = fields.size() >= 5 ? NetworkMode.fromAccessTechnology(fields.get(4).text())
                : Optional.empty();
        return Optional.of(new Creg(Registration.fromStat(stat.getAsInt()), mode));
    }

    /**
     * Quectel {@code +QCSQ: "LTE",<rssi>,<rsrp>,<sinr>,<rsrq>} with SINR coded 0..250 for -20..+30 dB (raw / 5 - 20);
     * {@code "GSM",<rssi>}; {@code "WCDMA",<rssi>,<rscp>,<ecio>}; {@code "NOSERVICE"}. Other systems give the mode
     * only.
     */
    static Optional<Qcsq> qcsq(String line) {
        List<Field> fields = fields(line);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        String system = fields.get(0).text().strip().toUpperCase(Locale.ROOT);
        OptionalDouble none = OptionalDouble.empty();
        switch (system) {
            case "NOSERVICE":
                return Optional.of(new Qcsq(Optional.of(NetworkMode.NONE), none, none, none, none));
            case "GSM":
                return Optional.of(new Qcsq(Optional.of(NetworkMode.TWO_G), decimal(fields, 1), none, none, none));
            case "WCDMA":
            case "TDSCDMA":
                return Optional.of(new Qcsq(Optional.of(NetworkMode.THREE_G), decimal(fields, 1), none, none, none));
            case "LTE":
            case "CAT-M1":
            case "CAT-NB1":
            case "EMTC":
            case "NBIOT": {
                OptionalDouble rawSinr = decimal(fields, 3);
                OptionalDouble sinr = rawSinr.isPresent() ? OptionalDouble.of(rawSinr.getAsDouble() / 5 - 20) : none;
                return Optional.of(new Qcsq(Optional.of(NetworkMode.FOUR_G), decimal(fields, 1), decimal(fields, 2),
                        sinr, decimal(fields, 4)));
            }
            case "NR5G":
                return Optional.of(new Qcsq(Optional.of(NetworkMode.FIVE_G), none, none, none, none));
            default:
                return Optional.empty();
        }
    }

    /** Combines what the commands said; {@code replies} may lack commands the modem does not support. */
    static ModemSample sample(List<AtPort.Reply> replies, Instant sampledAt) {
        Optional<Csq> csq = parsed(replies, "AT+CSQ", AtReplies::csq);
        Optional<Cops> cops = parsed(replies, "AT+COPS?", AtReplies::cops);
        Optional<Creg> creg = parsed(replies, "AT+CREG?", AtReplies::creg);
        Optional<Creg> cereg = parsed(replies, "AT+CEREG?", AtReplies::creg);
        Optional<Qcsq> qcsq = parsed(replies, "AT+QCSQ", AtReplies::qcsq);

        ModemSample.Builder sample = ModemSample.at(sampledAt);
        Optional<Registration> registration = registration(cereg, creg);
        registration.ifPresent(sample::registration);
        cops.flatMap(Cops::operator).ifPresent(sample::operator);

        Optional<NetworkMode> mode = qcsq.flatMap(Qcsq::mode)
                .or(() -> cops.flatMap(Cops::mode))
                .or(() -> cereg.filter(c -> c.registration().registered()).flatMap(Creg::mode))
                .or(() -> creg.filter(c -> c.registration().registered()).flatMap(Creg::mode));
        if (registration.isPresent() && !registration.get().registered()) {
            mode = Optional.of(NetworkMode.NONE);
        }
        sample.mode(mode);

        OptionalDouble qcsqRssi = qcsq.map(Qcsq::rssi).orElse(OptionalDouble.empty());
        OptionalDouble csqRssi = csq.map(Csq::rssiDbm).orElse(OptionalDouble.empty());
        OptionalDouble rssi = ModemSample.Quantity.RSSI.filter(qcsqRssi);
        sample.rssiDbm(rssi.isPresent() ? rssi : ModemSample.Quantity.RSSI.filter(csqRssi));
        qcsq.ifPresent(q -> {
            sample.rsrpDbm(ModemSample.Quantity.RSRP.filter(q.rsrp()));
            sample.rsrqDb(ModemSample.Quantity.RSRQ.filter(q.rsrq()));
            sample.sinrDb(ModemSample.Quantity.SINR.filter(q.sinr()));
        });
        csq.map(Csq::percent).filter(OptionalInt::isPresent).ifPresent(p -> sample.signalPercent(p.getAsInt()));
        return sample.build();
    }

    /** Registered on either is registered (an LTE-only stick may never register for circuit-switched service). */
    static Optional<Registration> registration(Optional<Creg> eps, Optional<Creg> cs) {
        List<Registration> states = new ArrayList<>();
        eps.ifPresent(c -> states.add(c.registration()));
        cs.ifPresent(c -> states.add(c.registration()));
        for (Registration wanted : List.of(Registration.HOME, Registration.ROAMING, Registration.SEARCHING,
                Registration.DENIED, Registration.NOT_REGISTERED, Registration.UNKNOWN)) {
            if (states.contains(wanted)) {
                return Optional.of(wanted);
            }
        }
        return Optional.empty();
    }

    /** The first information line of {@code command} that {@code parser} accepts. */
    private static <T> Optional<T> parsed(List<AtPort.Reply> replies, String command,
            Function<String, Optional<T>> parser) {
        for (AtPort.Reply reply : replies) {
            if (reply.command().equals(command) && reply.ok()) {
                for (String line : reply.info()) {
                    Optional<T> value = parser.apply(line);
                    if (value.isPresent()) {
                        return value;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static OptionalDouble decimal(List<Field> fields, int index) {
        return index < fields.size() ? Numbers.parseDecimal(fields.get(index).text()) : OptionalDouble.empty();
    }
}
