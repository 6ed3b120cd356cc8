package cairn.ota;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a bundle promises; the signature covers exactly the bytes of {@link #encode()}.
 *
 * <p>ASCII {@code key=value} lines, each ending in a newline, the format line first; {@code file} lines (one per
 * file of the release, none for a bundle that is not a release) come last:
 * <pre>
 * format=cairn-ota-manifest/2
 * version=1.4.2
 * counter=17
 * payload=cairn-1.4.2.zip
 * payload-size=52428800
 * payload-sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 * created-at=2026-11-21T10:15:00Z
 * minimum-previous-version=1.2.0
 * rollback=no
 * file=3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b 1043 cairn-appliance.jar
 * </pre>
 * {@code counter} grows with every bundle the maintainer signs, also for a rollback to an older version
 * ({@code rollback=yes}): a device refuses any counter it has already passed, so a captured bundle cannot be
 * replayed. {@link #decode} is strict: no missing, repeated or unknown keys, nothing that is not ASCII.
 */
public record Manifest(Version version, long counter, String payloadName, long payloadSize, String payloadSha256,
        Instant createdAt, Version minimumPreviousVersion, boolean rollback, List<ReleaseFile> files) {
    public static final String FORMAT = "cairn-ota-manifest/2";
    /** Room for a release with a few thousand files (the unpacked natives are many). */
    public static final int MAX_BYTES = 512 * 1024;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern PAYLOAD_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,127}");
    private static final Pattern LINE = Pattern.compile("([a-z0-9-]+)=([\\x20-\\x7e]*)");
    private static final List<String> KEYS = List.of("format", "version", "counter", "payload", "payload-size",
            "payload-sha256", "created-at", "minimum-previous-version", "rollback");

    public Manifest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(payloadName, "payloadName");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(minimumPreviousVersion, "minimumPreviousVersion");
        files = List.copyOf(files);
        if (counter < 1) {
            throw new IllegalArgumentException("'counter' must be a whole number from 1, got " + counter);
        }
        if (!PAYLOAD_NAME.matcher(payloadName).matches()) {
            throw new IllegalArgumentException("'payload' must be a plain file name of A-Z a-z 0-9 . _ + -, got '"
                    + payloadName + "'");
        }
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
        Set<String> paths = new HashSet<>();
        for (ReleaseFile f : files) {
            if (!paths.add(f.path())) {
                throw new IllegalArgumentException("the manifest names the file '" + f.path() + "' twice");
            }
        }
        createdAt = createdAt.truncatedTo(ChronoUnit.SECONDS);
    }

    public byte[] encode() {
        StringBuilder text = new StringBuilder()
                .append("format=").append(FORMAT).append('\n')
                .append("version=").append(version).append('\n')
                .append("counter=").append(counter).append('\n')
                .append("payload=").append(payloadName).append('\n')
                .append("payload-size=").append(payloadSize).append('\n')
                .append("payload-sha256=").append(payloadSha256).append('\n')
                .append("created-at=").append(createdAt).append('\n')
                .append("minimum-previous-version=").append(minimumPreviousVersion).append('\n')
                .append("rollback=").append(rollback ? "yes" : "no").append('\n');
        for (ReleaseFile f : files) {
            text.append("file=").append(f.encode()).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the manifest would have " + bytes.length + " bytes, more than the "
                    + MAX_BYTES + " a manifest may have");
        }
        return bytes;
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
        List<ReleaseFile> files = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            lineNumber++;
            var m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("manifest line " + lineNumber
                        + " is not a key=value line of printable ASCII");
            }
            String key = m.group(1);
            if (lineNumber == 1 && !key.equals("format")) {
                throw new IllegalArgumentException("the manifest must start with 'format=" + FORMAT + "'");
            }
            if (key.equals("file")) {
                files.add(ReleaseFile.decode(m.group(2)));
                continue;
            }
            if (!files.isEmpty()) {
                throw new IllegalArgumentException("manifest line " + lineNumber + ": 'file' lines must come last");
            }
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("manifest line " + lineNumber + " has the unknown key '" + key
                        + "'");
            }
            if (values.put(key, m.group(2)) != null) {
                throw new IllegalArgumentException("the manifest has the key '" + key + "' more than once");
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
        String rollback = values.get("rollback");
        if (!rollback.equals("yes") && !rollback.equals("no")) {
            throw new IllegalArgumentException("'rollback' must be yes or no, got '" + rollback + "'");
        }
        return new Manifest(
                Version.parse("version", values.get("version")),
                parseNumber("counter", values.get("counter")),
                values.get("payload"),
                parseNumber("payload-size", values.get("payload-size")),
                values.get("payload-sha256"),
                parseInstant(values.get("created-at")),
                Version.parse("minimum-previous-version", values.get("minimum-previous-version")),
                rollback.equals("yes"),
                files);
    }

    private static long parseNumber(String key, String text) {
        if (!text.matches("0|[1-9]\\d{0,17}")) {
            throw new IllegalArgumentException("'" + key + "' must be a whole number, got '" + text + "'");
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
