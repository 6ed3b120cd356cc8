package cairn.lab.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Cairn appliance as its own process, started from the built jar the way the box starts it:
 * {@code java -Xmx160m -XX:+UseSerialGC -jar appliance/target/cairn-appliance.jar ARGS}. Its stderr (the log, one line
 * per record) goes to a file that can be read while it runs; its stdout to the same name with {@code .out} added.
 *
 * <p>Drive it from one thread. Every wait is bounded and throws {@link IOException} with the end of the log when it
 * runs out; {@link #close()} always ends the process (SIGKILL if it still runs), so put it in try-with-resources.
 *
 * <pre>{@code
 * try (var cairn = ApplianceProcess.start(dataDir, logDir.resolve("run1.log"),
 *         List.of("--set", "camera.cam1.source=testsrc"))) {
 *     cairn.waitForLog("capture-cam1: opened", Duration.ofSeconds(30));
 *     cairn.kill9();                                  // a power cut, as far as the spool can tell
 * }
 * }</pre>
 */
public final class ApplianceProcess implements AutoCloseable {

    /** Overrides where the appliance jar is; by default it is found above the working directory. */
    public static final String JAR_PROPERTY = "cairn.appliance.jar";
    static final Path JAR_IN_REPOSITORY = Path.of("appliance", "target", "cairn-appliance.jar");
    private static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration KILL_GRACE = Duration.ofSeconds(10);
    private static final int TAIL_LINES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<Path> dataDir;
    private final Path log;
    private final Path stdout;
    private final List<String> command;
    private final Process process;
    private final long startedNanos;

    private ApplianceProcess(Optional<Path> dataDir, Path log, List<String> wrapper, List<String> args,
            Map<String, String> env, List<String> jvmOptions) throws IOException {
        this.dataDir = dataDir;
        this.log = log.toAbsolutePath();
        this.stdout = this.log.resolveSibling(this.log.getFileName() + ".out");
        Files.createDirectories(this.log.getParent());
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
        this.startedNanos = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command);
        // As appliance/cairn and the image's cairn-run start it: two malloc arenas (issue 16).
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(env);
        this.process = builder
                .directory(this.log.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(this.log.toFile())
                .start();
    }

    /**
     * Starts the appliance with its spool and status in {@code dataDir} ({@code --set storage.dir=dataDir} comes
     * first, so {@code args} may still override it) and its log in {@code log}, which is overwritten.
     */
    public static ApplianceProcess start(Path dataDir, Path log, List<String> args) throws IOException {
        return start(dataDir, log, args, Map.of(), List.of());
    }

    /**
     * As {@link #start(Path, Path, List)}, with {@code env} added to the inherited environment (e.g. NOTIFY_SOCKET)
     * and {@code jvmOptions} after the default ones (e.g. a test hook's {@code -Dcairn.test....}).
     */
    public static ApplianceProcess start(Path dataDir, Path log, List<String> args, Map<String, String> env,
            List<String> jvmOptions) throws IOException {
        List<String> all = new ArrayList<>(List.of("--set", "storage.dir=" + dataDir.toAbsolutePath()));
        all.addAll(args);
        return new ApplianceProcess(Optional.of(dataDir.toAbsolutePath()), log, List.of(), all, Map.copyOf(env),
                List.copyOf(jvmOptions));
    }

    /** Starts the appliance with exactly {@code args}, e.g. to check how it answers a bad command line. */
    public static ApplianceProcess startWithArgs(Path log, List<String> args) throws IOException {
        return new ApplianceProcess(Optional.empty(), log, List.of(), List.copyOf(args), Map.of(), List.of());
    }

    /**
     * As {@link #startWithArgs}, with the java command run by {@code wrapper} (e.g. {@code setpriv …} to drop
     * privileges).
     */
    public static ApplianceProcess startWrapped(List<String> wrapper, Path log, List<String> args) throws IOException {
        return new ApplianceProcess(Optional.empty(), log, List.copyOf(wrapper), List.copyOf(args), Map.of(), List.of());
    }

    /** The appliance jar: {@value #JAR_PROPERTY} if set, else {@code appliance/target/cairn-appliance.jar} above the working directory. */
    public static Path jar() throws IOException {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path jar = Path.of(configured).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IOException(JAR_PROPERTY + " names " + jar + ", which is not a file.");
            }
            return jar;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path jar = dir.resolve(JAR_IN_REPOSITORY);
            if (Files.isRegularFile(jar)) {
                return jar;
            }
        }
        throw new IOException("No " + JAR_IN_REPOSITORY + " above " + Path.of("").toAbsolutePath()
                + ": build the appliance first (mvn -DskipTests package) or set -D" + JAR_PROPERTY + ".");
    }

    /**
     * Waits until a log line matches {@code regex} (anywhere in the line) and returns the first such line. Throws when
     * the timeout passes or the process exits without logging it.
     */
    public String waitForLog(String regex, Duration timeout) throws IOException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean exited = !process.isAlive();
            Optional<String> line = logLines().stream().filter(l -> pattern.matcher(l).find()).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (exited) {
                throw new IOException("Cairn exited with code " + process.exitValue() + " without logging /" + regex
                        + "/; log ends:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Cairn did not log /" + regex + "/ within " + timeout.toMillis() + " ms; log ends:\n"
                        + tail());
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** The log (stderr) so far, line by line. */
    public List<String> logLines() throws IOException {
        return logText().lines().toList();
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** What the appliance printed on stdout so far (e.g. {@code --print-config}). */
    public String stdoutText() throws IOException {
        return Files.exists(stdout) ? Files.readString(stdout, StandardCharsets.UTF_8) : "";
    }

    /** {@code status.json} as last written (every 5 s, and once more at a clean stop). */
    public JsonNode readStatus() throws IOException {
        Path status = dataDir().resolve("status.json");
        if (!Files.exists(status)) {
            throw new IOException("Cairn has not written " + status + " yet.");
        }
        return JSON.readTree(status.toFile());
    }

    /** Polls {@code status.json} until {@code condition} holds and returns that status; throws at the timeout. */
    public JsonNode waitForStatus(Predicate<JsonNode> condition, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (true) {
            if (Files.exists(dataDir().resolve("status.json"))) {
                last = readStatus();
                if (condition.test(last)) {
                    return last;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("status.json did not reach the expected state within " + timeout.toMillis()
                        + " ms; last: " + last + "; log ends:\n" + tail());
            }
            if (!process.isAlive()) {
                throw new IOException("Cairn exited with code " + process.exitValue()
                        + " before status.json reached the expected state; last: " + last);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** SIGKILL, as a power cut looks to the spool; returns once the process is gone. */
    public void kill9() throws IOException {
        process.destroyForcibly();
        awaitExit(KILL_GRACE, "SIGKILL");
    }

    /**
     * SIGTERM, a clean stop; waits up to {@code timeout} and returns the exit code. A process still running then is
     * killed and the call throws.
     */
    public int terminate(Duration timeout) throws IOException {
        process.destroy();
        if (!await(timeout)) {
            String tail = tail();
            kill9();
            throw new IOException("Cairn did not stop within " + timeout.toMillis() + " ms of SIGTERM; log ends:\n"
                    + tail);
        }
        return process.exitValue();
    }

    /** Waits for the process to end by itself and returns its exit code; kills it and throws at the timeout. */
    public int waitForExit(Duration timeout) throws IOException {
        if (!await(timeout)) {
            String tail = tail();
            kill9();
            throw new IOException("Cairn did not exit by itself within " + timeout.toMillis() + " ms; log ends:\n"
                    + tail);
        }
        return process.exitValue();
    }

    /** The exit code, or empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started; the appliance's monotonic clock is the same. */
    public long startedNanos() {
        return startedNanos;
    }

    public Path dataDir() {
        return dataDir.orElseThrow(() -> new IllegalStateException("started without a data folder"));
    }

    /** Where the spool keeps {@code camera}'s segments. */
    public Path spoolDir(String camera) {
        return dataDir().resolve("spool").resolve(camera);
    }

    public Path log() {
        return log;
    }

    public List<String> command() {
        return command;
    }

    /** Ends the process with SIGKILL if it still runs. */
    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            kill9();
        }
    }

    private void awaitExit(Duration timeout, String what) throws IOException {
        if (!await(timeout)) {
            throw new IOException("Cairn (pid " + process.pid() + ") still runs " + timeout.toMillis() + " ms after "
                    + what + ".");
        }
    }

    private boolean await(Duration timeout) throws IOException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for Cairn.", e);
        }
    }

    private String tail() throws IOException {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for Cairn.", e);
        }
    }
}
