package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.rig.ApplianceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an installer sees after editing the config on the SD card, through the real process: a bad value stops Cairn
 * with exit code 2 and one line naming the file, line and key; {@code --print-config} writes a file Cairn accepts.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class ConfigErrorIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    /** Valid lines before the bad one, so the line number is not simply 1 or 2. */
    private static final String HEADER = """
            # the installer's config
            [device]
            id = hut-7

            """;

    @TempDir
    Path dir;

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key", "[segment]\nlength = 2s\n", 6, "segment.length", "unknown key"),
                Arguments.of("wrong type", "[encoder]\ncrf = high\n", 6, "encoder.crf", "'high' is not a whole number"),
                Arguments.of("out of range", "[encoder]\ncrf = 99\n", 6, "encoder.crf", "99 is out of range"),
                Arguments.of("unknown section", "[telemetry]\ninterval = 5s\n", 6, "telemetry.interval",
                        "unknown section"),
                Arguments.of("bad uplink URL", "[uplink]\nurl = ftp://127.0.0.1/up\n", 6, "uplink.url",
                        "'ftp://127.0.0.1/up' is not valid"),
                Arguments.of("bad camera value", "[camera.cam1]\nsource = testsrc\nfps = fast\n", 7,
                        "camera.cam1.fps", "'fast' is not a number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadConfigFileStopsCairnWithOneLineNamingFileLineAndKey(String what, String body, int line, String key,
            String problem) throws IOException {
        Path config = Files.writeString(dir.resolve("cairn.conf"), HEADER + body);

        String error = runExpectingConfigError(List.of("--config", config.toString()));

        assertTrue(error.startsWith("config error: " + config + ":" + line + ": " + key + ": " + problem),
                "stderr: " + error);
        assertTrue(error.contains("; allowed: "), "says what is allowed: " + error);
    }

    static Stream<Arguments> badSets() {
        return Stream.of(
                Arguments.of("camera.cam1.fps=fast", "camera.cam1.fps", "'fast' is not a number"),
                Arguments.of("segment.seconds=0.1", "segment.seconds", "0.1 is out of range"),
                Arguments.of("telemetry.url=x", "telemetry.url", "unknown section"),
                Arguments.of("uplink.url=x", "uplink.url", "'x' is not valid"),
                Arguments.of("segment.seconds", "segment.seconds", "not KEY=VALUE"));
    }

    @ParameterizedTest(name = "--set {0}")
    @MethodSource("badSets")
    void aBadSetStopsCairnWithOneLineNamingTheSetAndKey(String set, String key, String problem) throws IOException {
        String error = runExpectingConfigError(List.of("--set", set));

        assertTrue(error.startsWith("config error: --set: " + key + ": " + problem), "stderr: " + error);
    }

    @Test
    void thePrintedConfigIsAcceptedBackAsTheConfig() throws IOException {
        Path data = dir.resolve("data");
        List<String> sets = List.of("--set", "storage.dir=" + data, "--set", "camera.cam1.width=320",
                "--set", "camera.cam1.height=240", "--set", "camera.cam1.pattern=moving", "--set", "segment.seconds=1");
        String printed;
        try (ApplianceProcess print = ApplianceProcess.startWithArgs(dir.resolve("print.log"),
                concat(List.of("--print-config"), sets))) {
            assertEquals(0, print.waitForExit(EXIT_TIMEOUT), "--print-config: " + print.logText());
            assertEquals("", print.logText(), "--print-config wrote to stderr");
            printed = print.stdoutText();
        }
        Path config = Files.writeString(dir.resolve("printed.conf"), printed);
        assertTrue(printed.contains("dir = " + data), "the printed config holds the --set values:\n" + printed);

        try (ApplianceProcess again = ApplianceProcess.startWithArgs(dir.resolve("reprint.log"),
                List.of("--config", config.toString(), "--print-config"))) {
            assertEquals(0, again.waitForExit(EXIT_TIMEOUT), "--config printed --print-config: " + again.logText());
            assertEquals(printed, again.stdoutText(), "printing the printed config changes it");
        }
        try (ApplianceProcess cairn = ApplianceProcess.startWithArgs(dir.resolve("run.log"),
                List.of("--config", config.toString()))) {
            cairn.waitForLog("capture-cam1: opened testsrc 320x240@25.0 moving", EXIT_TIMEOUT);
            cairn.terminate(Duration.ofSeconds(25));
            assertTrue(Files.isRegularFile(data.resolve("status.json")), "Cairn did not use storage.dir " + data);
            assertTrue(cairn.logLines().stream().noneMatch(l -> l.contains("config error")), cairn.logText());
        }
    }

    /** Runs Cairn with {@code args}, expects exit code 2 and exactly one stderr line, and returns that line. */
    private String runExpectingConfigError(List<String> args) throws IOException {
        try (ApplianceProcess cairn = ApplianceProcess.startWithArgs(dir.resolve("cairn.log"), args)) {
            int exit = cairn.waitForExit(EXIT_TIMEOUT);
            List<String> lines = cairn.logLines().stream().filter(l -> !l.isBlank()).toList();
            assertEquals(2, exit, "exit code; stderr: " + lines);
            assertEquals(1, lines.size(), "one line on stderr: " + lines);
            assertTrue(lines.get(0).startsWith("config error: "), "stderr: " + lines);
            assertEquals("", cairn.stdoutText(), "stdout");
            return lines.get(0);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
