package cairn.hardware.watchdog;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Speaks systemd's sd_notify protocol by running {@code systemd-notify VAR=VALUE} with NOTIFY_SOCKET set.
 *
 * <p>Why a child process: the protocol is a datagram on an AF_UNIX socket, which Java 17 cannot send without
 * native code. {@code systemd-notify} (package {@code systemd}, always on the image) sends it on the JVM's
 * behalf: when privileged it sends with the JVM's PID, otherwise with its own PID and then waits on a barrier
 * until the service manager has read the message, so the unit needs {@code NotifyAccess=all} in that case (see
 * hardware/README.md). It also handles abstract socket names ({@code @...}). Each call costs one short-lived
 * process, which is fine at a kick every few seconds. Thread-safe; each call blocks until systemd-notify exits
 * or {@code timeout} passes.
 */
public final class SystemdNotifyWatchdog implements Watchdog {
    public static final Path SYSTEMD_NOTIFY = Path.of("/usr/bin/systemd-notify");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = System.getLogger(SystemdNotifyWatchdog.class.getName());

    private final String notifySocket;
    private final Path systemdNotify;
    private final Duration timeout;

    public SystemdNotifyWatchdog(String notifySocket, Path systemdNotify, Duration timeout) {
        this.notifySocket = Objects.requireNonNull(notifySocket, "notifySocket");
        if (notifySocket.isBlank()) {
            throw new IllegalArgumentException("NOTIFY_SOCKET must name a socket, got an empty value");
        }
        this.systemdNotify = Objects.requireNonNull(systemdNotify, "systemdNotify");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public void ready() {
        send("READY=1");
    }

    @Override
    public void alive() {
        send("WATCHDOG=1");
    }

    @Override
    public void stopping() {
        send("STOPPING=1");
    }

    @Override
    public void status(String text) {
        send("STATUS=" + text.replaceAll("[\\r\\n]+", " ").strip());
    }

    private void send(String assignment) {
        ProcessBuilder builder = new ProcessBuilder(List.of(systemdNotify.toString(), assignment))
                .redirectErrorStream(true);
        builder.environment().put("NOTIFY_SOCKET", notifySocket);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.getInputStream().close();
                LOG.log(Level.WARNING, "systemd-notify {0} did not finish within {1}; killed it", assignment, timeout);
                return;
            }
            String output = readSome(process.getInputStream());
            if (process.exitValue() != 0) {
                LOG.log(Level.WARNING, "systemd-notify {0} failed (exit {1}): {2}", assignment,
                        process.exitValue(), output.strip());
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot run " + systemdNotify + " to send " + assignment + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.log(Level.WARNING, "Interrupted while sending {0} to systemd", assignment);
        }
    }

    /** Reads what an exited process printed; its few lines fit in the pipe, so waiting first cannot deadlock. */
    private static String readSome(InputStream in) throws IOException {
        try (in) {
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }
}
