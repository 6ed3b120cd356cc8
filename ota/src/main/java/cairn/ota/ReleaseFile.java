package cairn.ota;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a release as the signed manifest promises it: a relative path inside the release folder, its size
 * and SHA-256. Paths are plain names separated by {@code /}: no {@code .} or {@code ..} parts, nothing absolute, so
 * unpacking cannot write outside the release folder.
 */
public record ReleaseFile(String path, long size, String sha256) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public ReleaseFile {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.length() > 512) {
            throw new IllegalArgumentException("a release file path must have 1 to 512 characters, got '" + path + "'");
        }
        for (String part : path.split("/", -1)) {
            if (!PART.matcher(part).matches() || part.equals("..")) {
                throw new IllegalArgumentException("release file path '" + path
                        + "' must be names of A-Z a-z 0-9 . _ + - separated by /, not starting with a dot");
            }
        }
        if (size < 0) {
            throw new IllegalArgumentException("release file '" + path + "' has a negative size");
        }
        if (!SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("release file '" + path + "' needs 64 lowercase hex digits of SHA-256");
        }
    }

    /** The manifest line's value: {@code SHA256 SIZE PATH}. */
    String encode() {
        return sha256 + " " + size + " " + path;
    }

    static ReleaseFile decode(String value) {
        String[] parts = value.split(" ", 3);
        if (parts.length != 3 || !parts[1].matches("0|[1-9]\\d{0,17}")) {
            throw new IllegalArgumentException("'file' must be 'SHA256 SIZE PATH', got '" + value + "'");
        }
        return new ReleaseFile(parts[2], Long.parseLong(parts[1]), parts[0]);
    }
}
