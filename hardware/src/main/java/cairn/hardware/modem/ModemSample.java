package cairn.hardware.modem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What a modem said at one moment. Every field but {@code sampledAt} is optional: devices report different
 * subsets (a 3G stick has no RSRP; {@code AT+CSQ} has no SINR; ModemManager reports dBm values only after its
 * signal polling is set up). An empty field means "not reported", never zero.
 *
 * <p>Units: {@code rssiDbm} and {@code rsrpDbm} in dBm, {@code rsrqDb} and {@code sinrDb} in dB, {@code
 * signalPercent} 0..100 (the device's own bar graph or quality figure, coarse). Values outside the ranges a modem
 * can report ({@link Quantity}) are refused by the constructor; readers drop them before building a sample.
 */
public record ModemSample(
        Instant sampledAt,
        Optional<NetworkMode> mode,
        Optional<Registration> registration,
        Optional<String> operator,
        OptionalDouble rssiDbm,
        OptionalDouble rsrpDbm,
        OptionalDouble rsrqDb,
        OptionalDouble sinrDb,
        OptionalInt signalPercent) implements ModemResult {

    /** Ranges a value must fall in to be a measurement rather than a device's placeholder or noise. */
    public enum Quantity {
        RSSI(-150, 0),
        RSRP(-160, -20),
        RSRQ(-40, 10),
        SINR(-30, 60);

        private final double lowest;
        private final double highest;

        Quantity(double lowest, double highest) {
            this.lowest = lowest;
            this.highest = highest;
        }

        public boolean plausible(double value) {
            return Double.isFinite(value) && value >= lowest && value <= highest;
        }

        /** The value when plausible, else empty. */
        public OptionalDouble filter(OptionalDouble value) {
            return value.isPresent() && plausible(value.getAsDouble()) ? value : OptionalDouble.empty();
        }

        void check(OptionalDouble value) {
            if (value.isPresent() && !plausible(value.getAsDouble())) {
                throw new IllegalArgumentException(name() + " must be within " + lowest + ".." + highest + ", got "
                        + value.getAsDouble());
            }
        }
    }

    public ModemSample {
        Objects.requireNonNull(sampledAt, "sampledAt");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(rssiDbm, "rssiDbm");
        Objects.requireNonNull(rsrpDbm, "rsrpDbm");
        Objects.requireNonNull(rsrqDb, "rsrqDb");
        Objects.requireNonNull(sinrDb, "sinrDb");
        Objects.requireNonNull(signalPercent, "signalPercent");
        Quantity.RSSI.check(rssiDbm);
        Quantity.RSRP.check(rsrpDbm);
        Quantity.RSRQ.check(rsrqDb);
        Quantity.SINR.check(sinrDb);
        if (signalPercent.isPresent() && (signalPercent.getAsInt() < 0 || signalPercent.getAsInt() > 100)) {
            throw new IllegalArgumentException("signalPercent must be within 0..100, got " + signalPercent.getAsInt());
        }
        if (operator.isPresent() && operator.get().isBlank()) {
            throw new IllegalArgumentException("operator must not be blank; leave it empty instead");
        }
    }

    public static Builder at(Instant sampledAt) {
        return new Builder(sampledAt);
    }

    /** True when the sample says anything at all beyond its timestamp. */
    public boolean saysAnything() {
        return mode.isPresent() || registration.isPresent() || operator.isPresent() || rssiDbm.isPresent()
                || rsrpDbm.isPresent() || rsrqDb.isPresent() || sinrDb.isPresent() || signalPercent.isPresent();
    }

    /** One log line, e.g. {@code 4G HOME "Telekom.de" rssi -65 dBm, rsrp -95 dBm, rsrq -11 dB, sinr 9.5 dB, 80%}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(mode.map(NetworkMode::label).orElse("mode?"));
        parts.add(registration.map(Enum::name).orElse("registration?"));
        operator.ifPresent(name -> parts.add('"' + name + '"'));
        List<String> values = new ArrayList<>();
        rssiDbm.ifPresent(v -> values.add("rssi " + format(v) + " dBm"));
        rsrpDbm.ifPresent(v -> values.add("rsrp " + format(v) + " dBm"));
        rsrqDb.ifPresent(v -> values.add("rsrq " + format(v) + " dB"));
        sinrDb.ifPresent(v -> values.add("sinr " + format(v) + " dB"));
        signalPercent.ifPresent(v -> values.add(v + "%"));
        String text = String.join(" ", parts);
        return values.isEmpty() ? text : text + " " + String.join(", ", values);
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** Collects fields as a reader parses them; each setter checks its value, {@code build()} makes the record. */
    public static final class Builder {
        private final Instant sampledAt;
        private Optional<NetworkMode> mode = Optional.empty();
        private Optional<Registration> registration = Optional.empty();
        private Optional<String> operator = Optional.empty();
        private OptionalDouble rssiDbm = OptionalDouble.empty();
        private OptionalDouble rsrpDbm = OptionalDouble.empty();
        private OptionalDouble rsrqDb = OptionalDouble.empty();
        private OptionalDouble sinrDb = OptionalDouble.empty();
        private OptionalInt signalPercent = OptionalInt.empty();

        private Builder(Instant sampledAt) {
            this.sampledAt = Objects.requireNonNull(sampledAt, "sampledAt");
        }

        public Builder mode(NetworkMode value) {
            mode = Optional.of(value);
            return this;
        }

        public Builder mode(Optional<NetworkMode> value) {
            mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        public Builder registration(Registration value) {
            registration = Optional.of(value);
            return this;
        }

        public Builder registration(Optional<Registration> value) {
            registration = Objects.requireNonNull(value, "registration");
            return this;
        }

        /** Blank names (devices print {@code ""} or {@code --}) leave the operator empty. */
        public Builder operator(String value) {
            operator = value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
            return this;
        }

        public Builder rssiDbm(double value) {
            return rssiDbm(OptionalDouble.of(value));
        }

        public Builder rssiDbm(OptionalDouble value) {
            Quantity.RSSI.check(value);
            rssiDbm = value;
            return this;
        }

        public Builder rsrpDbm(double value) {
            return rsrpDbm(OptionalDouble.of(value));
        }

        public Builder rsrpDbm(OptionalDouble value) {
            Quantity.RSRP.check(value);
            rsrpDbm = value;
            return this;
        }

        public Builder rsrqDb(double value) {
            return rsrqDb(OptionalDouble.of(value));
        }

        public Builder rsrqDb(OptionalDouble value) {
            Quantity.RSRQ.check(value);
            rsrqDb = value;
            return this;
        }

        public Builder sinrDb(double value) {
            return sinrDb(OptionalDouble.of(value));
        }

        public Builder sinrDb(OptionalDouble value) {
            Quantity.SINR.check(value);
            sinrDb = value;
            return this;
        }

        public Builder signalPercent(int value) {
            if (value < 0 || value > 100) {
                throw new IllegalArgumentException("signalPercent must be within 0..100, got " + value);
            }
            signalPercent = OptionalInt.of(value);
            return this;
        }

        public ModemSample build() {
            return new ModemSample(sampledAt, mode, registration, operator, rssiDbm, rsrpDbm, rsrqDb, sinrDb,
                    signalPercent);
        }
    }
}
