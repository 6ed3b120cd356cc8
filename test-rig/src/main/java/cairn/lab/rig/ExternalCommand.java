package cairn.lab.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion within a time limit, on the caller's thread; a program still running at the limit is
 * killed and the call throws, so no caller can hang and no process outlives the call.
 */
public final class ExternalCommand {

    private static final Duration KILL_GRACE = Duration.ofSeconds(5);

    private ExternalCommand() {}

    public static CommandResult run(List<String> command, Duration timeout) throws IOException {
        Path stdout = Files.createTempFile("cairn-cmd-", ".out");
        Path stderr = Files.createTempFile("cairn-cmd-", ".err");
        Process process = null;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s: "
                        + String.join(" ", command));
            }
            return new CommandResult(List.copyOf(command), process.exitValue(),
                    Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for " + command.get(0) + ".", e);
        } finally {
            if (process != null && process.isAlive()) {
                killAndWait(process);
            }
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** Runs the command and throws, with its stderr, unless it exits with 0. */
    public static CommandResult runChecked(List<String> command, Duration timeout) throws IOException {
        CommandResult result = run(command, timeout);
        if (!result.succeeded()) {
            throw new IOException(result.describe());
        }
        return result;
    }

    /** SIGTERM, then SIGKILL if {@code process} has not exited within {@code grace}. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                killAndWait(process);
            }
        } catch (InterruptedException e) {
            killAndWait(process);
            Thread.currentThread().interrupt();
        }
    }

    static void killAndWait(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
