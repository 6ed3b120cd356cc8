package cairn.hardware.modem;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lenient number parsing for what devices print; never throws, empty for anything that is not a plain number. */
final class Numbers {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,6}(\\.\\d{1,6})?");
    /**
     * A HiLink signal value: an optional comparison ({@code >=-51dBm}, {@code <=-113dBm}), a number, an optional
     * unit. The comparison marks the end of the measurable range, so the bound itself is the best value to report.
     */
    private static final Pattern MEASUREMENT = Pattern.compile(
            "(?:[<>]=?|=)?\\s*([+-]?\\d{1,6}(?:\\.\\d{1,6})?)\\s*(?:dBm|dB)?", Pattern.CASE_INSENSITIVE);

    private Numbers() {}

    static OptionalInt parseInt(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        String trimmed = text.strip();
        return INTEGER.matcher(trimmed).matches() ? OptionalInt.of(Integer.parseInt(trimmed)) : OptionalInt.empty();
    }

    static OptionalDouble parseDecimal(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        String trimmed = text.strip();
        return DECIMAL.matcher(trimmed).matches() ? OptionalDouble.of(Double.parseDouble(trimmed))
                : OptionalDouble.empty();
    }

    /** {@code -89dBm}, {@code -11dB}, {@code -14.0dB}, {@code >=-51dBm}, {@code -7} → the number; empty otherwise. */
    static OptionalDouble parseMeasurement(String text) {
        if (text == null) {
            return OptionalDouble.empty();
        }
        Matcher matcher = MEASUREMENT.matcher(text.strip());
        return matcher.matches() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
    }
}
