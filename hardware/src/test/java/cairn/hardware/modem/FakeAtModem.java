package cairn.hardware.modem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A modem's AT port: fake_at_modem.py on a pseudo-terminal, run by Debian's /usr/bin/python3 (package python3).
 * Build the answers, then {@link #start(Path)}; {@link #port()} is the terminal the reader opens.
 */
final class FakeAtModem implements AutoCloseable {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    /** A Quectel EC25 on LTE with Telekom.de, as the tests expect unless they change it. */
    static final Map<String, String> LTE_MODEM = Map.of(
            "AT+CSQ", "\r\n+CSQ: 18,99\r\n\r\nOK\r\n",
            "AT+COPS?", "\r\n+COPS: 0,0,\"Telekom.de\",7\r\n\r\nOK\r\n",
            "AT+CREG?", "\r\n+CREG: 0,1\r\n\r\nOK\r\n",
            "AT+CEREG?", "\r\n+CEREG: 0,1\r\n\r\nOK\r\n");

    private final Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, String> replies = new LinkedHashMap<>(LTE_MODEM);
    private Process process;
    private Path port;
    private Path log;

    FakeAtModem reply(String command, String answer) {
        replies.put(command, answer);
        return this;
    }

    FakeAtModem set(String key, Object value) {
        config.put(key, value);
        return this;
    }

    FakeAtModem start(Path dir) throws IOException {
        log = dir.resolve("commands.log");
        config.put("replies", replies);
        config.put("log", log.toString());
        Path file = dir.resolve("modem.json");
        new ObjectMapper().writeValue(file.toFile(), config);
        process = new ProcessBuilder(PYTHON.toString(), script().toString(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            port = Path.of(CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(10, TimeUnit.SECONDS));
        } catch (Exception e) {
            close();
            throw new IOException("fake_at_modem.py did not print its terminal", e);
        }
        return this;
    }

    Path port() {
        return port;
    }

    /** The commands the modem received, in order. */
    List<String> commands() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.ISO_8859_1) : List.of();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Path script() {
        try {
            return Path.of(FakeAtModem.class.getResource("fake_at_modem.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
