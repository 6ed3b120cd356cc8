package cairn.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ota/cairn-ota} launcher, run from a foreign working directory against the packaged jar. */
class CairnOtaScriptIT {
    private static final Path SCRIPT = Path.of("cairn-ota").toAbsolutePath();

    @TempDir
    Path cwd;

    private record Result(int exit, String output) {}

    private Result cairnOta(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cairn-ota did not finish");
        return new Result(p.exitValue(), output);
    }

    @Test
    void signsAndVerifiesWithRelativePathsFromAnyDirectory() throws Exception {
        assertTrue(Files.isExecutable(SCRIPT), SCRIPT + " must be executable");
        Files.write(cwd.resolve("release.tar"), new byte[1000]);

        Result keygen = cairnOta("keygen", "--out", "keys");
        assertEquals(0, keygen.exit(), keygen.output());
        Result sign = cairnOta("sign", "--private-key", "keys/cairn-ota.key", "--public-key", "keys/cairn-ota.pub",
                "--version", "0.2.0", "--counter", "2", "--minimum-previous", "0.1.0", "release.tar");
        assertEquals(0, sign.exit(), sign.output());
        Result verify = cairnOta("verify", "--public-key", "keys/cairn-ota.pub", "--installed", "0.1.0",
                "release.tar");
        assertEquals(0, verify.exit(), verify.output());
        assertTrue(verify.output().startsWith("OK release.tar: version 0.2.0"), verify.output());

        Result refused = cairnOta("verify", "--public-key", "keys/cairn-ota.pub", "--installed", "0.0.1",
                "release.tar");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().startsWith("REFUSED INSTALLED_TOO_OLD: "), refused.output());
    }
}
