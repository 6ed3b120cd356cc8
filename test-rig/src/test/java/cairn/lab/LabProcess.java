package cairn.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code test-rig/lab} as a separate process (from another working directory) for integration tests. */
public final class LabProcess {

    /** Exit code, stdout and stderr of one run. */
    public record Outcome(int exitCode, String stdout, String stderr) {}

    private LabProcess() {}

    public static Outcome run(Path workingDirectory, String... args) throws IOException, InterruptedException {
        Path launcher = Path.of("lab").toAbsolutePath();
        if (!Files.isRegularFile(Path.of("target", "cairn-lab.jar"))) {
            throw new IllegalStateException("target/cairn-lab.jar is missing: integration tests run after 'package'");
        }
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("lab " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Outcome(process.exitValue(), stdout, new String(stderr.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
