package cairn.ota;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys in the PEM files OpenSSL also reads: PKCS#8 {@code PRIVATE KEY}, X.509 {@code PUBLIC KEY}.
 *
 * <p>Writing never overwrites an existing file; a private key file is created readable by its owner only.
 */
public final class PemKeys {
    public static final String ALGORITHM = "Ed25519";

    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";
    private static final int MAX_PEM_BYTES = 16 * 1024;

    private PemKeys() {}

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem(PRIVATE_LABEL, key.getEncoded()), StandardCharsets.US_ASCII);
    }

    public static void writePublicKey(Path file, PublicKey key) throws IOException {
        Files.createFile(file);
        Files.writeString(file, pem(PUBLIC_LABEL, key.getEncoded()), StandardCharsets.US_ASCII);
    }

    /** Reads a PKCS#8 Ed25519 private key; a wrong or broken file gives an IOException saying so. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] der = readPem(file, PRIVATE_LABEL);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException(file + " does not hold an Ed25519 private key");
        }
    }

    /** Reads an X.509 Ed25519 public key; a wrong or broken file gives an IOException saying so. */
    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] der = readPem(file, PUBLIC_LABEL);
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IOException(file + " does not hold an Ed25519 public key");
        }
    }

    private static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static byte[] readPem(Path file, String label) throws IOException {
        if (Files.size(file) > MAX_PEM_BYTES) {
            throw new IOException(file + " is too large to be a PEM key file");
        }
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        Matcher m = Pattern.compile("-----BEGIN " + label + "-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END " + label
                + "-----").matcher(text);
        if (!m.find()) {
            throw new IOException(file + " is not a PEM file with a '" + label + "' block");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " has a '" + label + "' block that is not valid base64");
        }
    }
}
