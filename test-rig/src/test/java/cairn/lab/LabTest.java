package cairn.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LabTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(String... args) {
        return Lab.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, lab("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("codec-bench"));
    }

    @Test
    void subcommandHelpShowsItsFlags() {
        assertEquals(0, lab("codec-bench", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--kbps"));
    }

    @Test
    void unknownSubcommandIsOneLineAndExitCode2() {
        assertEquals(2, lab("codec-bunch"));
        assertEquals(1, stderr().lines().count());
        assertTrue(stderr().contains("unknown subcommand 'codec-bunch'"));
    }

    @Test
    void badFlagIsOneLineNamingTheFlagAndExitCode2() {
        assertEquals(2, lab("codec-bench", "--input", "x.avi", "--out", "o", "--kbsp", "3"));
        assertEquals(1, stderr().lines().count());
        assertTrue(stderr().contains("'--kbsp'"), stderr());
    }

    @Test
    void noArgumentsPrintsUsageOnStderrAndExitCode2() {
        assertEquals(2, lab());
        assertTrue(stderr().contains("usage"));
    }
}
