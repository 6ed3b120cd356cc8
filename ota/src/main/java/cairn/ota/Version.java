package cairn.ota;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release version {@code MAJOR.MINOR.PATCH}, plain numbers without leading zeros; ordered numerically. */
public record Version(int major, int minor, int patch) implements Comparable<Version> {
    private static final Pattern TEXT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");
    private static final Comparator<Version> ORDER = Comparator.comparingInt(Version::major)
            .thenComparingInt(Version::minor)
            .thenComparingInt(Version::patch);

    public Version {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative, got " + major + "." + minor
                    + "." + patch);
        }
    }

    /** Parses {@code 1.4.2}; throws IllegalArgumentException naming {@code key} and the value otherwise. */
    public static Version parse(String key, String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + key + "' must look like 1.4.2 (three plain numbers), got '"
                    + text + "'");
        }
        return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public boolean isNewerThan(Version other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Version other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
