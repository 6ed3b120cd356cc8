package cairn.hardware.watchdog;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A unix datagram socket standing in for systemd's notify socket, run by Debian's python3.
 *
 * <p>Each datagram arrives as one string; systemd-notify's {@code BARRIER=1} follow-ups are left out.
 */
final class UnixDatagramListener implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private static final String SCRIPT = String.join("\n",
            "import base64, socket, sys",
            "name = sys.argv[1]",
            "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
            "s.bind('\\0' + name[1:] if name.startswith('@') else name)",
            "print('ready', flush=True)",
            "while True:",
            "    print(base64.b64encode(s.recv(65536)).decode(), flush=True)");

    private final Process process;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

    /** {@code name} is a path, or {@code @name} for Linux's abstract namespace. */
    UnixDatagramListener(String name) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail("This test needs " + PYTHON + " (Debian package python3-minimal) to listen on a unix socket");
        }
        process = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, name)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue("ready".equals(first), "listener did not start, said: " + first);
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    String message = new String(Base64.getDecoder().decode(line), StandardCharsets.UTF_8);
                    if (!message.equals("BARRIER=1")) {
                        messages.add(message);
                    }
                }
            } catch (IOException e) {
                // The listener was closed.
            }
        }, "unix-datagram-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** The next datagram, or null if none arrived within the timeout. */
    String next(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
