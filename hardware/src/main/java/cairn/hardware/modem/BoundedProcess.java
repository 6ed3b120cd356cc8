package cairn.hardware.modem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a short command (mmcli, stty) and collects its output, bounded in time and size.
 *
 * <p>Why polling instead of blocking reads: a child that hangs, or leaves a grandchild holding its stdout open,
 * would block a plain read forever. Here the calling thread polls both pipes every 10 ms, stops at the deadline,
 * kills the child and its descendants, and never waits for end-of-file after the child has exited.
 */
final class BoundedProcess {
    private static final long POLL_MILLIS = 10;

    record Outcome(int exitCode, String stdout, String stderr) {
        /** The first non-blank line of stderr (or stdout), for failure messages. */
        String firstErrorLine() {
            for (String text : List.of(stderr, stdout)) {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        return Printable.of(line.strip(), 200);
                    }
                }
            }
            return "no output";
        }
    }

    private BoundedProcess() {}

    /**
     * Runs {@code command} until it exits or {@code deadline} passes.
     *
     * @throws ReadFailure UNREACHABLE when it cannot start, TIMEOUT when it outlives the deadline, GARBAGE when it
     *     prints more than {@code maxBytes}, INTERRUPTED when the thread is interrupted
     */
    static Outcome run(List<String> command, Deadline deadline, int maxBytes) throws ReadFailure {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new ReadFailure(ModemFailure.Reason.UNREACHABLE,
                    "cannot run " + command.get(0) + ": " + Printable.of(e.getMessage(), 200));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (InputStream stdout = process.getInputStream(); InputStream stderr = process.getErrorStream()) {
            process.getOutputStream().close();
            while (true) {
                boolean exited = !process.isAlive();
                drainAvailable(stdout, out, maxBytes);
                drainAvailable(stderr, err, maxBytes);
                if (out.size() > maxBytes || err.size() > maxBytes) {
                    kill(process);
                    throw new ReadFailure(ModemFailure.Reason.GARBAGE,
                            command.get(0) + " printed more than " + maxBytes / 1024 + " KiB");
                }
                if (exited) {
                    return new Outcome(process.exitValue(), out.toString(StandardCharsets.UTF_8),
                            err.toString(StandardCharsets.UTF_8));
                }
                if (deadline.passed()) {
                    kill(process);
                    throw new ReadFailure(ModemFailure.Reason.TIMEOUT,
                            command.get(0) + " did not finish in time; killed it");
                }
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, deadline.remainingMillis())));
            }
        } catch (IOException e) {
            kill(process);
            throw new ReadFailure(ModemFailure.Reason.UNREACHABLE,
                    "cannot read what " + command.get(0) + " printed: " + Printable.of(e.getMessage(), 200));
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ReadFailure(ModemFailure.Reason.INTERRUPTED, "interrupted while running " + command.get(0));
        }
    }

    private static void drainAvailable(InputStream in, ByteArrayOutputStream sink, int maxBytes) throws IOException {
        byte[] buffer = new byte[8192];
        int available;
        while (sink.size() <= maxBytes && (available = in.available()) > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, available));
            if (read <= 0) {
                return;
            }
            sink.write(buffer, 0, read);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
