package cairn.lab.rig;

import java.util.List;

/** What an external command printed and how it exited. */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The non-blank lines of stderr, in order. */
    public List<String> stderrLines() {
        return stderr.lines().filter(line -> !line.isBlank()).toList();
    }

    public String describe() {
        return String.join(" ", command) + " exited with code " + exitCode + (stderr.isBlank() ? "" : ": " + stderr.strip());
    }
}
