package cairn.lab.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An IP camera on {@code rtsp://127.0.0.1:PORT/cam}, run as a child process of {@code rtsp-camera.py} under Debian's
 * {@code /usr/bin/python3}; it can be stopped and started again on the same port, like a camera losing power.
 *
 * <p>Drive it from one thread. {@link #start()} returns once the camera listens, or throws and leaves no process
 * behind; {@link #close()} always ends the process. The child also exits by itself when this JVM dies, because it
 * watches its stdin. Output of every run is appended to {@link #log()}.
 *
 * <pre>{@code
 * try (var camera = RtspCameraEmulator.start(CameraSource.file(clip), FreePort.find(), logDir)) {
 *     grab(camera.url());
 *     camera.stop();   // port refuses connections
 *     camera.start();  // same port, same source
 * }
 * }</pre>
 */
public final class RtspCameraEmulator implements AutoCloseable {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(20);
    public static final String MOUNT_PATH = "/cam";
    static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT_RESOURCE = "rtsp-camera.py";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final CameraSource source;
    private final int port;
    private final Path log;
    private final Path script;
    private final Duration startTimeout;
    private Process process;

    private RtspCameraEmulator(CameraSource source, int port, Path logDir, Duration startTimeout) throws IOException {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("Camera port must be 1 to 65535, got " + port + ".");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.port = port;
        this.startTimeout = startTimeout;
        Files.createDirectories(logDir);
        this.log = logDir.resolve("rtsp-camera-" + port + ".log");
        this.script = extractScript(logDir);
    }

    /** Starts a camera and waits up to {@link #DEFAULT_START_TIMEOUT} for it to listen. */
    public static RtspCameraEmulator start(CameraSource source, int port, Path logDir) throws IOException {
        return start(source, port, logDir, DEFAULT_START_TIMEOUT);
    }

    public static RtspCameraEmulator start(CameraSource source, int port, Path logDir, Duration startTimeout)
            throws IOException {
        RtspCameraEmulator camera = new RtspCameraEmulator(source, port, logDir, startTimeout);
        try {
            camera.start();
            return camera;
        } catch (IOException | RuntimeException e) {
            camera.close();
            throw e;
        }
    }

    /** Starts the camera again with the same source and port; does nothing when it is running. */
    public void start() throws IOException {
        if (isRunning()) {
            return;
        }
        long logOffset = Files.exists(log) ? Files.size(log) : 0;
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(),
                "--port", Integer.toString(port), "--path", MOUNT_PATH, "--exit-with-stdin"));
        command.addAll(source.arguments());
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            awaitReady(logOffset);
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void awaitReady(long logOffset) throws IOException {
        String ready = "READY " + url();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (true) {
            String output = readLogFrom(logOffset);
            if (output.lines().anyMatch(ready::equals)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IOException("RTSP camera on port " + port + " exited with code " + process.exitValue()
                        + " before listening: " + output.strip());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("RTSP camera on port " + port + " did not listen within "
                        + startTimeout.toSeconds() + " s; see " + log);
            }
            sleep(POLL_INTERVAL);
        }
    }

    /** Ends the camera: SIGTERM, then SIGKILL if it has not exited within a few seconds. Safe to call twice. */
    public void stop() {
        if (process == null) {
            return;
        }
        Process running = process;
        process = null;
        try {
            ExternalCommand.stop(running, STOP_GRACE);
        } finally {
            closeQuietly(running);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public URI url() {
        return URI.create("rtsp://127.0.0.1:" + port + MOUNT_PATH);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(script);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + script + ".", e);
        }
    }

    private String readLogFrom(long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(offset, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    private static Path extractScript(Path dir) throws IOException {
        Path script = Files.createTempFile(dir, "rtsp-camera-", ".py");
        try (InputStream in = RtspCameraEmulator.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IOException("Resource " + SCRIPT_RESOURCE + " is missing from the test-rig jar.");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // The child is gone; its stdin pipe has nothing left to flush.
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the RTSP camera.", e);
        }
    }
}
