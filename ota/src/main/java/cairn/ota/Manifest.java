package cairn.ota;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a bundle promises about its payload; the signature covers exactly the bytes of {@link #encode()}.
 *
 * <p>The encoding is ASCII {@code key=value} lines, each ending in a newline, the format line first:
 * <pre>
 * format=cairn-ota-manifest/1
 * version=1.4.2
 * payload-size=52428800
 * payload-sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * created-at=2026-11-21T10:15:00Z
 * minimum-previous-version=1.2.0
 * </pre>
 * {@link #decode} is strict: no missing, repeated or unknown keys, nothing that is not ASCII.
 */
public record Manifest(Version version, long payloadSize, String payloadSha256, Instant createdAt,
        Version minimumPreviousVersion) {
    public static final String FORMAT = "cairn-ota-manifest/1";
    public static final int MAX_BYTES = 4096;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LINE = Pattern.compile("([a-z0-9-]+)=([\\x20-\\x7e]*)");
    private static final List<String> KEYS = List.of("format", "version", "payload-size", "payload-sha256",
            "created-at", "minimum-previous-version");

    public Manifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(minimumPreviousVersion, "minimumPreviousVersion");
        if (payloadSize < 0) {
            throw new IllegalArgumentException("'payload-size' must not be negative, got " + payloadSize);
        }
        if (!SHA256_HEX.matcher(payloadSha256).matches()) {
            throw new IllegalArgumentException("'payload-sha256' must be 64 lowercase hex digits, got '"
                    + payloadSha256 + "'");
        }
        if (minimumPreviousVersion.isNewerThan(version)) {
            throw new IllegalArgumentException("'minimum-previous-version' " + minimumPreviousVersion
                    + " must not be newer than 'version' " + version);
        }
        createdAt = createdAt.truncatedTo(ChronoUnit.SECONDS);
    }

    public byte[] encode() {
        String text = "format=" + FORMAT + "\n"
                + "version=" + version + "\n"
                + "payload-size=" + payloadSize + "\n"
                + "payload-sha256=" + payloadSha256 + "\n"
                + "created-at=" + createdAt + "\n"
                + "minimum-previous-version=" + minimumPreviousVersion + "\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses manifest bytes; throws IllegalArgumentException with one sentence naming what is wrong. */
    public static Manifest decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the manifest has " + bytes.length + " bytes, more than the "
                    + MAX_BYTES + " a manifest may have");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the manifest must end with a newline");
        }
        Map<String, String> values = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            lineNumber++;
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("manifest line " + lineNumber
                        + " is not a key=value line of printable ASCII");
            }
            String key = m.group(1);
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("manifest line " + lineNumber + " has the unknown key '" + key
                        + "'");
            }
            if (values.put(key, m.group(2)) != null) {
                throw new IllegalArgumentException("the manifest has the key '" + key + "' more than once");
            }
            if (lineNumber == 1 && !key.equals("format")) {
                throw new IllegalArgumentException("the manifest must start with 'format=" + FORMAT + "'");
            }
        }
        for (String key : KEYS) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("the manifest lacks the key '" + key + "'");
            }
        }
        if (!values.get("format").equals(FORMAT)) {
            throw new IllegalArgumentException("'format' must be " + FORMAT + ", got '" + values.get("format") + "'");
        }
        return new Manifest(
                Version.parse("version", values.get("version")),
                parseSize(values.get("payload-size")),
                values.get("payload-sha256"),
                parseInstant(values.get("created-at")),
                Version.parse("minimum-previous-version", values.get("minimum-previous-version")));
    }

    private static long parseSize(String text) {
        if (!text.matches("0|[1-9]\\d{0,17}")) {
            throw new IllegalArgumentException("'payload-size' must be a whole number of bytes, got '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'created-at' must be a UTC time like 2026-11-21T10:15:00Z, got '"
                    + text + "'");
        }
    }
}
