package cairn.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabLauncherIT {

    @TempDir
    Path elsewhere;

    @Test
    void helpWorksFromAnyDirectory() throws Exception {
        LabProcess.Outcome outcome = LabProcess.run(elsewhere, "--help");
        assertEquals(0, outcome.exitCode(), outcome.stderr());
        assertTrue(outcome.stdout().contains("codec-bench"), outcome.stdout());
    }

    @Test
    void unknownSubcommandExitsWith2AndOneLineOnStderr() throws Exception {
        LabProcess.Outcome outcome = LabProcess.run(elsewhere, "frobnicate");
        assertEquals(2, outcome.exitCode());
        assertEquals(1, outcome.stderr().lines().count(), outcome.stderr());
    }

    @Test
    void badFlagExitsWith2AndOneLineOnStderr() throws Exception {
        LabProcess.Outcome outcome = LabProcess.run(elsewhere, "codec-bench", "--kbps", "-5", "--input", "x", "--out", "y");
        assertEquals(2, outcome.exitCode());
        assertEquals(1, outcome.stderr().lines().count(), outcome.stderr());
    }
}
