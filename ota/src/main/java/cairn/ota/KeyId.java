package cairn.ota;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A short name for a public key: the first 8 bytes of the SHA-256 of its X.509 encoding, in hex.
 *
 * <p>Only a hint that tells "signed with another key" from "signature broken"; it proves nothing by itself.
 */
public record KeyId(String hex) {
    private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

    public KeyId {
        if (!HEX16.matcher(hex).matches()) {
            throw new IllegalArgumentException("'key-id' must be 16 lowercase hex digits, got '" + hex + "'");
        }
    }

    public static KeyId of(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return new KeyId(HexFormat.of().formatHex(Arrays.copyOf(digest, 8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
