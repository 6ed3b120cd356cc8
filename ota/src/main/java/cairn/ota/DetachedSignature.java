package cairn.ota;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signature file of a bundle: which key signed (a hint) and the Ed25519 signature over the manifest bytes.
 *
 * <pre>
 * format=cairn-ota-signature/1
 * key-id=3f2a9c0d81b7e645
 * ed25519=&lt;64 bytes in base64&gt;
 * </pre>
 */
public record DetachedSignature(KeyId keyId, byte[] ed25519) {
    public static final String FORMAT = "cairn-ota-signature/1";
    public static final int MAX_BYTES = 1024;
    private static final int ED25519_SIGNATURE_BYTES = 64;
    private static final Pattern TEXT = Pattern.compile(
            "format=" + Pattern.quote(FORMAT) + "\nkey-id=([^\n]*)\ned25519=([A-Za-z0-9+/=]*)\n");

    public DetachedSignature {
        Objects.requireNonNull(keyId, "keyId");
        if (ed25519.length != ED25519_SIGNATURE_BYTES) {
            throw new IllegalArgumentException("an Ed25519 signature has " + ED25519_SIGNATURE_BYTES
                    + " bytes, this one has " + ed25519.length);
        }
        ed25519 = ed25519.clone();
    }

    @Override
    public byte[] ed25519() {
        return ed25519.clone();
    }

    public byte[] encode() {
        return ("format=" + FORMAT + "\nkey-id=" + keyId + "\ned25519="
                + Base64.getEncoder().encodeToString(ed25519) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Parses a signature file; throws IllegalArgumentException with one sentence naming what is wrong. */
    public static DetachedSignature decode(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the signature file has " + bytes.length + " bytes, more than the "
                    + MAX_BYTES + " it may have");
        }
        Matcher m = TEXT.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        if (!m.matches()) {
            throw new IllegalArgumentException("the signature file is not in the " + FORMAT + " format");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'ed25519' is not valid base64");
        }
        return new DetachedSignature(new KeyId(m.group(1)), signature);
    }
}
