package cairn.ota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemKeysTest {
    @TempDir
    Path dir;

    @Test
    void keysSurviveAWriteAndReadRoundTrip() throws IOException {
        Path priv = dir.resolve("k.key");
        Path pub = dir.resolve("k.pub");
        PemKeys.writePrivateKey(priv, TestKeys.OPERATOR.getPrivate());
        PemKeys.writePublicKey(pub, TestKeys.OPERATOR.getPublic());

        assertArrayEquals(TestKeys.OPERATOR.getPrivate().getEncoded(), PemKeys.readPrivateKey(priv).getEncoded());
        assertArrayEquals(TestKeys.OPERATOR.getPublic().getEncoded(), PemKeys.readPublicKey(pub).getEncoded());
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    }

    @Test
    void thePrivateKeyFileIsReadableByItsOwnerOnly() throws IOException {
        Path priv = dir.resolve("k.key");
        PemKeys.writePrivateKey(priv, TestKeys.OPERATOR.getPrivate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
    }

    @Test
    void anExistingKeyFileIsNeverOverwritten() throws IOException {
        Path priv = Files.writeString(dir.resolve("k.key"), "precious");
        assertThrows(FileAlreadyExistsException.class,
                () -> PemKeys.writePrivateKey(priv, TestKeys.OPERATOR.getPrivate()));
        assertEquals("precious", Files.readString(priv));
    }

    @Test
    void aPublicKeyFileIsNotAcceptedAsAPrivateKey() throws IOException {
        Path pub = dir.resolve("k.pub");
        PemKeys.writePublicKey(pub, TestKeys.OPERATOR.getPublic());
        IOException e = assertThrows(IOException.class, () -> PemKeys.readPrivateKey(pub));
        assertEquals(pub + " is not a PEM file with a 'PRIVATE KEY' block", e.getMessage());
    }

    @Test
    void anotherAlgorithmsKeyIsRefused() throws Exception {
        byte[] ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic().getEncoded();
        Path pub = Files.writeString(dir.resolve("ec.pub"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ec) + "\n-----END PUBLIC KEY-----\n",
                StandardCharsets.US_ASCII);
        IOException e = assertThrows(IOException.class, () -> PemKeys.readPublicKey(pub));
        assertEquals(pub + " does not hold an Ed25519 public key", e.getMessage());
    }
}
