package cairn.hardware.modem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads the JSON of {@code mmcli -m any --output-json} and {@code mmcli -m any --signal-get --output-json}. mmcli
 * prints every value as a string and {@code "--"} for "not known"; keys are those of ModemManager's
 * cli/mmcli-output.c ({@code modem.generic.access-technologies}, {@code modem.3gpp.registration-state}, {@code
 * modem.signal.lte.rsrp}, …).
 */
final class MmcliJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The extended signal values of one radio technology, as mmcli reports them. */
    record Signal(OptionalDouble rssi, OptionalDouble rsrp, OptionalDouble rsrq, OptionalDouble snr) {
        boolean any() {
            return rssi.isPresent() || rsrp.isPresent() || rsrq.isPresent() || snr.isPresent();
        }
    }

    private MmcliJson() {}

    /** @throws ReadFailure GARBAGE when {@code text} is not JSON with a {@code modem} object */
    static JsonNode modem(String text, String what) throws ReadFailure {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ReadFailure(ModemFailure.Reason.GARBAGE, what + " did not print JSON; it begins: \""
                    + Printable.of(text.strip(), 60) + '"');
        }
        if (root == null || !root.path("modem").isObject()) {
            throw new ReadFailure(ModemFailure.Reason.GARBAGE, what + " printed JSON without a \"modem\" object");
        }
        return root.path("modem");
    }

    /** Fills mode, registration, operator and signal percent from {@code --output-json}'s modem object. */
    static void general(JsonNode modem, ModemSample.Builder sample) {
        JsonNode generic = modem.path("generic");
        JsonNode gpp = modem.path("3gpp");
        Optional<Registration> registration = registration(text(gpp.path("registration-state")));
        registration.ifPresent(sample::registration);
        Optional<NetworkMode> mode = mode(technologies(generic.path("access-technologies")));
        if (registration.isPresent() && !registration.get().registered()) {
            mode = Optional.of(NetworkMode.NONE);
        }
        sample.mode(mode);
        String operator = text(gpp.path("operator-name")).orElse(null);
        sample.operator(operator != null ? Printable.of(operator, 64)
                : text(gpp.path("operator-code")).map(code -> Printable.of(code, 16)).orElse(null));
        OptionalInt quality = Numbers.parseInt(text(generic.path("signal-quality").path("value")).orElse(null));
        if (quality.isPresent() && quality.getAsInt() >= 0 && quality.getAsInt() <= 100) {
            sample.signalPercent(quality.getAsInt());
        }
    }

    /**
     * The signal of the technology in use ({@code 5g}, then {@code lte} for 5G non-standalone; {@code lte}; {@code
     * umts}; {@code gsm}); empty when ModemManager reports none, e.g. before {@code --signal-setup}.
     */
    static Optional<Signal> signal(JsonNode modem, Optional<NetworkMode> mode) {
        JsonNode signal = modem.path("signal");
        List<String> sections = mode.map(m -> {
            switch (m) {
                case FIVE_G:
                    return List.of("5g", "lte");
                case FOUR_G:
                    return List.of("lte");
                case THREE_G:
                    return List.of("umts");
                case TWO_G:
                    return List.of("gsm");
                default:
                    return List.<String>of();
            }
        }).orElse(List.of("5g", "lte", "umts", "gsm"));
        for (String name : sections) {
            JsonNode section = signal.path(name);
            Signal values = new Signal(decimal(section.path("rssi")), decimal(section.path("rsrp")),
                    decimal(section.path("rsrq")), decimal(section.path("snr")));
            if (values.any()) {
                return Optional.of(values);
            }
        }
        return Optional.empty();
    }

    /** True when {@code modem.signal.refresh.rate} is 0 or missing: ModemManager is not polling the signal. */
    static boolean signalPollingOff(JsonNode modem) {
        OptionalInt rate = Numbers.parseInt(text(modem.path("signal").path("refresh").path("rate")).orElse(null));
        return rate.isEmpty() || rate.getAsInt() == 0;
    }

    /** ModemManager's access technology names, highest generation wins ({@code lte} + {@code 5gnr} is 5G NSA). */
    static Optional<NetworkMode> mode(List<String> technologies) {
        Optional<NetworkMode> best = Optional.empty();
        for (String technology : technologies) {
            Optional<NetworkMode> mode = technology(technology);
            if (mode.isPresent() && (best.isEmpty() || mode.get().generation() > best.get().generation())) {
                best = mode;
            }
        }
        return best;
    }

    private static Optional<NetworkMode> technology(String name) {
        switch (name) {
            case "gsm":
            case "gsm-compact":
            case "gprs":
            case "edge":
            case "1xrtt":
                return Optional.of(NetworkMode.TWO_G);
            case "umts":
            case "hsdpa":
            case "hsupa":
            case "hspa":
            case "hspa-plus":
            case "evdo0":
            case "evdoa":
            case "evdob":
                return Optional.of(NetworkMode.THREE_G);
            case "lte":
            case "lte-cat-m":
            case "lte-nb-iot":
                return Optional.of(NetworkMode.FOUR_G);
            case "5gnr":
                return Optional.of(NetworkMode.FIVE_G);
            default:
                return Optional.empty();
        }
    }

    /** {@code modem.3gpp.registration-state} nicknames of MMModem3gppRegistrationState. */
    static Optional<Registration> registration(Optional<String> state) {
        if (state.isEmpty()) {
            return Optional.empty();
        }
        switch (state.get()) {
            case "home":
            case "home-sms-only":
            case "home-csfb-not-preferred":
                return Optional.of(Registration.HOME);
            case "roaming":
            case "roaming-sms-only":
            case "roaming-csfb-not-preferred":
                return Optional.of(Registration.ROAMING);
            case "searching":
                return Optional.of(Registration.SEARCHING);
            case "denied":
                return Optional.of(Registration.DENIED);
            case "idle":
            case "emergency-only":
            case "attached-rlos":
                return Optional.of(Registration.NOT_REGISTERED);
            case "unknown":
                return Optional.of(Registration.UNKNOWN);
            default:
                return Optional.empty();
        }
    }

    /** An array of names, or one string; older mmcli joins several with ", ". */
    private static List<String> technologies(JsonNode node) {
        List<String> names = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode item : items) {
            for (String part : text(item).orElse("").split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    /** A textual value, empty for missing, non-text, blank and {@code --}. */
    private static Optional<String> text(JsonNode node) {
        if (!node.isTextual() && !node.isNumber()) {
            return Optional.empty();
        }
        String value = node.asText().strip();
        return value.isEmpty() || value.equals("--") ? Optional.empty() : Optional.of(value);
    }

    private static OptionalDouble decimal(JsonNode node) {
        return Numbers.parseDecimal(text(node).orElse(null));
    }
}
