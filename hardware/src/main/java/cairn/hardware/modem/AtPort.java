package cairn.hardware.modem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A modem's AT command port, opened as a file after {@code stty} has put it in raw mode with {@code min 0 time 1}:
 * then every read(2) returns within 0.1 s, with or without data, so no read can outlive a {@link Deadline}.
 *
 * <p>Lines end at CR or LF; empty lines are skipped. While a command runs, its echo, unsolicited result codes
 * ({@code RING}, {@code ^RSSI: 15}, {@code +CREG: 1,"00C3","A13B"}) and anything else that is neither the
 * expected information line nor a final result code are ignored. Not thread-safe.
 */
final class AtPort implements AutoCloseable {
    static final String DEFAULT_BAUD = "115200";
    private static final int MAX_LINE_CHARS = 1024;
    private static final int MAX_BYTES_PER_COMMAND = 16 * 1024;
    private static final int MAX_DRAIN_BYTES = 16 * 1024;
    private static final Duration MAX_DRAIN = Duration.ofMillis(300);
    private static final Duration STTY_TIMEOUT = Duration.ofSeconds(2);

    /** How one command ended: its information lines and the final result code. */
    record Reply(String command, boolean ok, String finalLine, List<String> info) {}

    private final Path path;
    private final Duration timeout;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(512);
    private final StringBuilder partial = new StringBuilder();

    private AtPort(Path path, Duration timeout, FileChannel channel) {
        this.path = path;
        this.timeout = timeout;
        this.channel = channel;
    }

    /**
     * Configures {@code path} with {@code stty} and opens it for reading and writing (never creating it);
     * {@code timeout} is the reader's, for messages.
     */
    static AtPort open(Path path, Path stty, Duration timeout, Deadline deadline) throws ReadFailure {
        if (!Files.exists(path)) {
            throw new ReadFailure(ModemFailure.Reason.UNREACHABLE, "there is no serial port at " + path);
        }
        BoundedProcess.Outcome configured = BoundedProcess.run(List.of(stty.toString(), "-F", path.toString(),
                DEFAULT_BAUD, "raw", "-echo", "clocal", "min", "0", "time", "1"), deadline.atMost(STTY_TIMEOUT), 4096);
        if (configured.exitCode() != 0) {
            throw new ReadFailure(ModemFailure.Reason.UNREACHABLE,
                    "cannot set up " + path + " as a serial port: " + configured.firstErrorLine());
        }
        try {
            return new AtPort(path, timeout, FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new ReadFailure(ModemFailure.Reason.UNREACHABLE,
                    "cannot open " + path + ": " + Printable.of(String.valueOf(e.getMessage()), 120));
        }
    }

    /** Throws away what arrived since the last command (late answers, unsolicited codes), for at most 0.3 s. */
    void drain(Deadline deadline) throws ReadFailure {
        Deadline drainUntil = deadline.atMost(MAX_DRAIN);
        int drained = 0;
        while (!drainUntil.passed() && drained < MAX_DRAIN_BYTES) {
            int read = readSome();
            if (read <= 0) {
                break;
            }
            drained += read;
        }
        partial.setLength(0);
    }

    /**
     * Sends {@code command} and collects the lines starting with {@code infoPrefix} until {@code OK} or an error
     * result ({@code ERROR}, {@code +CME ERROR: n}, {@code +CMS ERROR: n}, {@code COMMAND NOT SUPPORT}).
     *
     * @throws ReadFailure TIMEOUT without a final result before the deadline, GARBAGE after 16 KiB without one,
     *     UNREACHABLE when the port fails (e.g. the stick was pulled)
     */
    Reply command(String command, String infoPrefix, Deadline deadline) throws ReadFailure {
        write(command + "\r", deadline);
        List<String> info = new ArrayList<>();
        String lastOther = null;
        int received = 0;
        while (true) {
            for (String line = nextLine(); line != null; line = nextLine()) {
                if (line.equalsIgnoreCase(command)) {
                    continue;
                }
                if (line.equals("OK")) {
                    return new Reply(command, true, line, info);
                }
                if (isError(line)) {
                    return new Reply(command, false, line, info);
                }
                if (line.startsWith(infoPrefix)) {
                    info.add(line);
                } else {
                    lastOther = line;
                }
            }
            if (deadline.passed()) {
                throw new ReadFailure(ModemFailure.Reason.TIMEOUT, "the modem on " + path + " did not finish "
                        + command + " within " + timeout.toMillis() + " ms"
                        + (lastOther == null ? "" : "; last line: " + Printable.of(lastOther, 60)));
            }
            int read = readSome();
            if (read > 0) {
                received += read;
                if (received > MAX_BYTES_PER_COMMAND) {
                    throw new ReadFailure(ModemFailure.Reason.GARBAGE, "the modem on " + path + " sent more than "
                            + MAX_BYTES_PER_COMMAND / 1024 + " KiB without finishing " + command);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a vanished device; nothing left to release
        }
    }

    static boolean isError(String line) {
        return line.equals("ERROR") || line.startsWith("+CME ERROR") || line.startsWith("+CMS ERROR")
                || line.equals("COMMAND NOT SUPPORT") || line.equals("NO CARRIER")
                || line.equals("TOO MANY PARAMETERS");
    }

    private void write(String text, Deadline deadline) throws ReadFailure {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        try {
            while (out.hasRemaining()) {
                if (deadline.passed()) {
                    throw new ReadFailure(ModemFailure.Reason.TIMEOUT, "the modem on " + path + " does not take "
                            + text.strip());
                }
                channel.write(out);
            }
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure(ModemFailure.Reason.INTERRUPTED, "interrupted while writing to " + path);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Reads what arrived within 0.1 s into the line buffer; 0 when nothing did. */
    private int readSome() throws ReadFailure {
        buffer.clear();
        int read;
        try {
            read = channel.read(buffer);
        } catch (ClosedByInterruptException e) {
            Thread.currentThread().interrupt();
            throw new ReadFailure(ModemFailure.Reason.INTERRUPTED, "interrupted while reading " + path);
        } catch (IOException e) {
            throw lost(e);
        }
        if (read <= 0) {
            return 0;
        }
        for (int i = 0; i < read; i++) {
            char c = (char) (buffer.get(i) & 0xff);
            if (partial.length() < MAX_LINE_CHARS || c == '\r' || c == '\n') {
                partial.append(c);
            }
        }
        return read;
    }

    /** The next complete, non-empty, trimmed line in the buffer, or null. */
    private String nextLine() {
        while (true) {
            int end = -1;
            for (int i = 0; i < partial.length(); i++) {
                char c = partial.charAt(i);
                if (c == '\r' || c == '\n') {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return null;
            }
            String line = partial.substring(0, end).strip();
            partial.delete(0, end + 1);
            if (!line.isEmpty()) {
                return line;
            }
        }
    }

    private ReadFailure lost(IOException e) {
        return new ReadFailure(ModemFailure.Reason.UNREACHABLE,
                "lost the serial port " + path + ": " + Printable.of(String.valueOf(e.getMessage()), 120));
    }
}
