package cairn.ota;

import static cairn.ota.ManifestTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtaToolTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final OtaTool tool = new OtaTool(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            InstantSource.fixed(Instant.parse("2026-11-21T10:15:00Z")));

    private int run(String... args) {
        out.reset();
        err.reset();
        return tool.run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keygenSignVerifyRoundTrip() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(OtaTool.OK, run("keygen", "--out", keys.toString()), err());
        Path priv = keys.resolve("cairn-ota.key");
        Path pub = keys.resolve("cairn-ota.pub");
        assertTrue(Files.isRegularFile(priv) && Files.isRegularFile(pub));

        Path payload = Files.write(dir.resolve("cairn-1.4.2.tar"), new byte[4096]);
        assertEquals(OtaTool.OK, run("sign", "--private-key", priv.toString(), "--public-key", pub.toString(),
                "--version", "1.4.2", "--counter", "3", "--minimum-previous", "1.2.0", payload.toString()), err());
        assertContains("created-at=2026-11-21T10:15:00Z", Files.readString(dir.resolve("cairn-1.4.2.tar.manifest")));

        assertEquals(OtaTool.OK, run("verify", "--public-key", pub.toString(), "--installed", "1.3.0",
                payload.toString()), err());
        assertTrue(out().startsWith("OK " + payload + ": version 1.4.2 (4096 bytes"), out());

        assertEquals(OtaTool.REFUSED, run("verify", "--public-key", pub.toString(), "--installed", "1.4.2",
                payload.toString()));
        assertTrue(err().startsWith("REFUSED DOWNGRADE: Bundle version 1.4.2 is not newer"), err());

        Files.write(payload, new byte[4000]);
        assertEquals(OtaTool.REFUSED, run("verify", "--public-key", pub.toString(), "--installed", "1.3.0",
                payload.toString()));
        assertTrue(err().startsWith("REFUSED TRUNCATED_PAYLOAD: "), err());
    }

    @Test
    void verifyingWithAnotherKeyIsRefusedAsWrongKey() throws IOException {
        run("keygen", "--out", dir.toString(), "--name", "operator");
        run("keygen", "--out", dir.toString(), "--name", "other");
        Path payload = Files.write(dir.resolve("p.tar"), new byte[10]);
        assertEquals(OtaTool.OK, run("sign", "--private-key", dir.resolve("operator.key").toString(),
                "--public-key", dir.resolve("operator.pub").toString(), "--version", "2.0.0", "--counter", "3",
                "--minimum-previous", "0.0.0", payload.toString()), err());
        assertEquals(OtaTool.REFUSED, run("verify", "--public-key", dir.resolve("other.pub").toString(),
                "--installed", "1.0.0", payload.toString()));
        assertTrue(err().startsWith("REFUSED WRONG_KEY: "), err());
    }

    @Test
    void keygenRefusesToOverwriteAKey() throws IOException {
        assertEquals(OtaTool.OK, run("keygen", "--out", dir.toString()));
        String before = Files.readString(dir.resolve("cairn-ota.key"));
        assertEquals(OtaTool.FAILED, run("keygen", "--out", dir.toString()));
        assertContains("already exists; refusing to overwrite a key", err());
        assertEquals(before, Files.readString(dir.resolve("cairn-ota.key")));
    }

    @Test
    void wrongCommandLinesExitWithUsage() {
        assertEquals(OtaTool.USAGE, run());
        assertEquals(OtaTool.USAGE, run("frobnicate"));
        assertContains("unknown command 'frobnicate'", err());
        assertEquals(OtaTool.USAGE, run("verify", "--public-key", "k.pub", "p.tar"));
        assertContains("option --installed is required", err());
        assertEquals(OtaTool.USAGE, run("verify", "--public-key", "k.pub", "--installed", "1.3", "p.tar"));
        assertContains("'installed' must look like 1.4.2", err());
        assertEquals(OtaTool.USAGE, run("verify", "--public-key", "k.pub", "--installed", "1.3.0"));
        assertContains("expected 1 file argument(s), got 0", err());
        assertEquals(OtaTool.USAGE, run("keygen", "--out", "x", "--force", "yes"));
        assertContains("unknown option --force", err());
    }

    @Test
    void aMissingKeyFileIsAFileProblemNotARefusal() {
        assertEquals(OtaTool.FAILED, run("verify", "--public-key", dir.resolve("absent.pub").toString(),
                "--installed", "1.0.0", dir.resolve("p.tar").toString()));
        assertContains("absent.pub does not exist", err());
    }
}
