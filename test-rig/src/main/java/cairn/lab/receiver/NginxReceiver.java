package cairn.lab.receiver;

import cairn.lab.rig.ExternalCommand;
import cairn.lab.rig.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The owner's web server: Debian's nginx on {@code 127.0.0.1:PORT} with WebDAV PUT and DELETE into {@link #root()}
 * ({@code RUN/www}), as the receiving side. A new file answers 201, an overwrite 204; nginx writes a body to
 * a temporary file in the run folder and renames it, so a reader never sees half a segment.
 *
 * <p>Run folder: {@code nginx.conf}, {@code www/} (what arrived), {@code access.log} (one line per request, see
 * {@link AccessLog}), {@code error.log}, {@code nginx.pid}, {@code tmp/}, {@code faults/} and {@code htpasswd} with
 * basic auth. nginx runs in the foreground under a small {@code sh} guard that ends it when this JVM closes the
 * guard's stdin or dies, one master and one worker. When this JVM runs as
 * root the worker runs as root too ({@code user root root;}), since nginx's default, {@code nobody}, could neither
 * write into nor even reach a run folder under a private temporary folder; as any other user nginx ignores
 * {@code user} and its worker runs as that user. Either way what lands in {@code www/} belongs to the test's user.
 *
 * <p>Drive it from one thread. {@link #stop()} and {@link #start()} take the server down and up on the same port
 * (a server that is down at start, or goes away); {@link #close()} always ends master and worker.
 *
 * <pre>{@code
 * try (NginxReceiver receiver = NginxReceiver.start(runDir, ReceiverOptions.defaults())) {
 *     put(receiver.baseUrl().resolve("cam1/000000000001.ts"));   // 201
 *     receiver.inject(Fault.SERVER_ERROR);                        // next requests: 500
 *     receiver.clearFaults();
 * }
 * }</pre>
 */
public final class NginxReceiver implements AutoCloseable {

    static final String NGINX = "/usr/sbin/nginx";
    private static final String SH = "/bin/sh";
    /**
     * Runs nginx (the arguments) and SIGTERMs it once this JVM closes our stdin pipe, by {@link #stop()} or by dying,
     * so no nginx outlives the test that started it. The shell's exit code is nginx's.
     */
    private static final String GUARD = "exec 3<&0; \"$0\" \"$@\" </dev/null & pid=$!; "
            + "( read -r _ <&3; kill -TERM \"$pid\" 2>/dev/null ) & wait \"$pid\"";
    private static final String OPENSSL = "/usr/bin/openssl";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final int PORT_ATTEMPTS = 3;

    private final Path runDir;
    private final ReceiverOptions options;
    private final int port;
    private Process process;

    private NginxReceiver(Path runDir, ReceiverOptions options, int port) {
        this.runDir = runDir.toAbsolutePath();
        this.options = options;
        this.port = port;
    }

    /** Writes the run folder and starts nginx; returns once it answers on its port. */
    public static NginxReceiver start(Path runDir, ReceiverOptions options) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < (options.port() == 0 ? PORT_ATTEMPTS : 1); attempt++) {
            int port = options.port() == 0 ? FreePort.find() : options.port();
            NginxReceiver receiver = new NginxReceiver(runDir, options, port);
            try {
                receiver.prepare();
                receiver.start();
                return receiver;
            } catch (IOException e) {
                receiver.close();
                last = e;
                if (!e.getMessage().contains("Address already in use")) {
                    break;
                }
            }
        }
        throw last;
    }

    private void prepare() throws IOException {
        for (String dir : List.of("www", "tmp", "faults")) {
            Files.createDirectories(runDir.resolve(dir));
        }
        if (options.basicAuth().isPresent()) {
            writeHtpasswd(options.basicAuth().get());
        }
        Optional<String> user = isRoot() ? Optional.of("root root") : Optional.empty();
        Files.writeString(runDir.resolve("nginx.conf"), NginxConfig.render(runDir, port, options, user),
                StandardCharsets.UTF_8);
    }

    /** Starts nginx (again, on the same port and folder); does nothing when it runs. */
    public void start() throws IOException {
        if (isRunning()) {
            return;
        }
        long errorOffset = Files.exists(errorLog()) ? Files.size(errorLog()) : 0;
        process = new ProcessBuilder(SH, "-c", GUARD, NGINX, "-p", runDir.toString(), "-c",
                runDir.resolve("nginx.conf").toString(), "-e", errorLog().toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("nginx.out").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "did not listen within " + START_TIMEOUT.toSeconds() + " s"
                        : "exited with code " + process.exitValue();
                stop();
                throw new IOException("nginx on 127.0.0.1:" + port + " " + why + ": " + errorsSince(errorOffset));
            }
            sleep(POLL);
        }
    }

    /** Stops nginx (SIGTERM, then SIGKILL for master and worker after a few seconds); the port refuses connections. */
    public void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        List<ProcessHandle> workers = running.descendants().toList();
        try {
            running.getOutputStream().close();
        } catch (IOException e) {
            running.destroy();
        }
        try {
            if (!running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                running.destroyForcibly();
                running.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            for (ProcessHandle w : workers) {
                if (w.isAlive()) {
                    w.destroyForcibly();
                }
            }
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Makes every following request fail this way, until {@link #clearFault} or {@link #clearFaults}. */
    public void inject(Fault fault) {
        try {
            Files.writeString(faultFile(fault), fault.name() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot switch on fault " + fault + ".", e);
        }
    }

    public void clearFault(Fault fault) {
        try {
            Files.deleteIfExists(faultFile(fault));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot switch off fault " + fault + ".", e);
        }
    }

    public void clearFaults() {
        for (Fault f : Fault.values()) {
            clearFault(f);
        }
    }

    public URI baseUrl() {
        return URI.create((options.tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + port + "/");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    public int port() {
        return port;
    }

    public ReceiverOptions options() {
        return options;
    }

    public Path runDir() {
        return runDir;
    }

    /** Where uploaded files land: the server's document root. */
    public Path root() {
        return runDir.resolve("www");
    }

    public Path accessLog() {
        return runDir.resolve("access.log");
    }

    public Path errorLog() {
        return runDir.resolve("error.log");
    }

    /** The requests so far, as nginx logged them (it writes a line when a request ends). */
    public List<AccessLog.Entry> requests() throws IOException {
        return AccessLog.read(accessLog());
    }

    /**
     * The requests once at least {@code n} are logged, or those logged when {@code timeout} ends. nginx writes a
     * request's line after it has sent the answer, so a client that has its answer may read the log before the line.
     */
    public List<AccessLog.Entry> awaitRequests(int n, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<AccessLog.Entry> entries = requests();
        while (entries.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
            entries = requests();
        }
        return entries;
    }

    @Override
    public void close() {
        stop();
    }

    private Path faultFile(Fault fault) {
        return runDir.resolve("faults").resolve(fault.fileName());
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(address(), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code user:{APR1}hash}, made by openssl from a file readable only by us, so the password is in no command line. */
    private void writeHtpasswd(ReceiverOptions.Credentials credentials) throws IOException {
        Path secret = runDir.resolve("tmp").resolve("password");
        Files.deleteIfExists(secret);
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(secret, credentials.password() + "\n", StandardCharsets.UTF_8);
            String hash = ExternalCommand.runChecked(List.of(OPENSSL, "passwd", "-apr1", "-in", secret.toString()),
                    Duration.ofSeconds(20)).stdout().strip();
            Files.writeString(runDir.resolve("htpasswd"), credentials.user() + ":" + hash + "\n", StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    private String errorsSince(long offset) throws IOException {
        if (!Files.exists(errorLog())) {
            return "(no error log)";
        }
        byte[] all = Files.readAllBytes(errorLog());
        String text = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.contains("[emerg]") || l.contains("[alert]") || l.contains("[crit]"))
                .reduce((a, b) -> a + " | " + b).orElse("see " + errorLog());
    }

    private static boolean isRoot() {
        try {
            return ExternalCommand.runChecked(List.of("/usr/bin/id", "-u"), Duration.ofSeconds(10)).stdout().strip()
                    .equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for nginx.", e);
        }
    }
}
