package cairn.lab.rig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for systemd's notify socket: a unix datagram socket bound at {@code path} by Debian's python3 (Java 17
 * cannot bind one), each message kept with the {@link System#nanoTime()} it arrived at. Pass {@link #path()} to the
 * appliance as NOTIFY_SOCKET. systemd-notify's {@code BARRIER=1} follow-ups are left out.
 */
public final class FakeNotifySocket implements AutoCloseable {
    /** One sd_notify datagram, e.g. {@code WATCHDOG=1}. */
    public record Message(long atNanos, String text) {}

    private static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            print('bound', flush=True)
            while True:
                print(s.recv(65536).hex(), flush=True)
            """;

    private final Path path;
    private final Process process;
    private final List<Message> messages = new ArrayList<>();

    public FakeNotifySocket(Path path) throws IOException {
        this.path = path.toAbsolutePath();
        this.process = new ProcessBuilder(PYTHON, "-c", SCRIPT, this.path.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"bound".equals(first)) {
            process.destroyForcibly();
            throw new IOException("the fake notify socket did not start (" + PYTHON + ", package python3-minimal): "
                    + first);
        }
        Thread reader = new Thread(() -> read(out), "fake-notify-socket");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BufferedReader out) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                String text = new String(HexFormat.of().parseHex(line), StandardCharsets.UTF_8);
                if (!text.equals("BARRIER=1")) {
                    synchronized (messages) {
                        messages.add(new Message(System.nanoTime(), text));
                        messages.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // Closed.
        }
    }

    public Path path() {
        return path;
    }

    /** Every message so far, oldest first. */
    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Waits for a message starting with {@code prefix} and returns the first one; throws at the timeout. */
    public Message await(String prefix, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (true) {
                for (Message m : messages) {
                    if (m.text().startsWith(prefix)) {
                        return m;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no " + prefix + " within " + timeout.toMillis() + " ms; got " + messages);
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
