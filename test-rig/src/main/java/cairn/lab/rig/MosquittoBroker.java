package cairn.lab.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Mosquitto broker ({@code /usr/sbin/mosquitto}) on {@code 127.0.0.1:PORT} with a config written for the
 * test: anonymous, or users from a password file made by {@code mosquitto_passwd}; plain TCP, or TLS with the
 * given CA, certificate and key (optionally requiring a client certificate). No persistence, so a restart loses
 * retained messages and sessions, as a broker that lost its disk would.
 *
 * <p>Drive it from one thread. {@link #start()} returns once the port accepts connections, or throws and leaves no
 * process behind; {@link #stop()} ends the broker and {@link #start()} brings it back on the same port;
 * {@link #close()} always ends it. The broker's log is appended to {@link #log()}.
 *
 * <pre>{@code
 * try (var broker = MosquittoBroker.start(MosquittoBroker.options(), dir)) {
 *     appliance("--set", "mqtt.url=" + broker.url());
 *     broker.stop();      // the broker goes away
 *     broker.start();     // and comes back on the same port
 * }
 * }</pre>
 */
public final class MosquittoBroker implements AutoCloseable {

    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    static final Path MOSQUITTO_PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** What the broker is set up with; built with {@link #options()}. */
    public static final class Options {
        private int port;
        private final Map<String, String> users = new LinkedHashMap<>();
        private Path caFile;
        private Path certFile;
        private Path keyFile;
        private boolean requireClientCert;

        private Options() {}

        /** The port; by default a free one. */
        public Options port(int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("Broker port must be 1 to 65535, got " + port + ".");
            }
            this.port = port;
            return this;
        }

        /** Adds a user; with at least one, anonymous clients are refused. */
        public Options user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** TLS instead of plain TCP, with the broker's certificate and key (PEM) and the CA that signed them. */
        public Options tls(Path caFile, Path certFile, Path keyFile, boolean requireClientCert) {
            this.caFile = caFile;
            this.certFile = certFile;
            this.keyFile = keyFile;
            this.requireClientCert = requireClientCert;
            return this;
        }
    }

    private final Options options;
    private final int port;
    private final Path config;
    private final Path log;
    private Process process;

    public static Options options() {
        return new Options();
    }

    private MosquittoBroker(Options options, Path dir) throws IOException {
        this.options = options;
        this.port = options.port > 0 ? options.port : FreePort.find();
        Files.createDirectories(dir);
        this.config = dir.resolve("mosquitto-" + port + ".conf");
        this.log = dir.resolve("mosquitto-" + port + ".log");
        writeConfig(dir);
    }

    public static MosquittoBroker start(Options options, Path dir) throws IOException {
        MosquittoBroker broker = new MosquittoBroker(options, dir);
        try {
            broker.start();
            return broker;
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    private void writeConfig(Path dir) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "listener " + port + " 127.0.0.1",
                "persistence false",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information",
                "connection_messages true",
                "max_queued_messages 10000",
                // Run as whoever runs the test: as root, Mosquitto would otherwise switch to the user 'mosquitto',
                // who cannot read the test's files.
                "user " + System.getProperty("user.name")));
        if (options.users.isEmpty()) {
            lines.add("allow_anonymous true");
        } else {
            Path passwords = dir.resolve("mosquitto-" + port + ".passwd");
            Files.deleteIfExists(passwords);
            Files.createFile(passwords);
            for (var u : options.users.entrySet()) {
                ExternalCommand.runChecked(List.of(MOSQUITTO_PASSWD.toString(), "-b", passwords.toString(), u.getKey(),
                        u.getValue()), Duration.ofSeconds(20));
            }
            lines.add("allow_anonymous false");
            lines.add("password_file " + passwords);
        }
        if (options.caFile != null) {
            lines.add("cafile " + options.caFile);
            lines.add("certfile " + options.certFile);
            lines.add("keyfile " + options.keyFile);
            lines.add("require_certificate " + options.requireClientCert);
        }
        Files.write(config, lines, StandardCharsets.UTF_8);
    }

    /** Starts the broker (again) on its port; does nothing when it runs. */
    public void start() throws IOException {
        if (isRunning()) {
            return;
        }
        process = new ProcessBuilder(MOSQUITTO.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!FreePort.accepts(port)) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                throw new IOException("mosquitto on port " + port + " exited with code " + code + " before listening; "
                        + "see " + log);
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IOException("mosquitto on port " + port + " did not listen within " + START_TIMEOUT.toSeconds()
                        + " s; see " + log);
            }
            sleep(20);
        }
    }

    /** Ends the broker (SIGTERM, then SIGKILL); clients see their connection drop. Safe to call twice. */
    public void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        ExternalCommand.stop(running, STOP_GRACE);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}, or {@code ssl://…} with TLS. */
    public String url() {
        return (options.caFile != null ? "ssl" : "tcp") + "://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The broker's log so far. */
    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    public Optional<Long> pid() {
        return isRunning() ? Optional.of(process.pid()) : Optional.empty();
    }

    @Override
    public void close() {
        stop();
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for mosquitto.", e);
        }
    }
}
