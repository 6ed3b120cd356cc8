package cairn.lab.scenario;

import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lab view DIR}: serves a scenario's folder on 127.0.0.1 so a browser plays its report's HLS (a page opened as
 * a file may not fetch the playlists). Stops after {@code --seconds} (an hour by default) or on Ctrl-C.
 */
public final class ViewCommand implements Subcommand {

    private static final String USAGE = """
            usage: test-rig/lab view DIR [--port PORT] [--seconds N]

            Serves DIR (the --out of lab scenario) read-only on http://127.0.0.1:PORT/ (default: a free port) and
            prints the address of its report.html; stops after N seconds (3600) or on Ctrl-C.
            """;

    @Override
    public String name() {
        return "view";
    }

    @Override
    public String summary() {
        return "serve a scenario's folder on loopback to watch its report.html and player";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Path dir = null;
        int port = 0;
        long seconds = 3600;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--port") || a.equals("--seconds")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(a + " needs a value");
                }
                long v = number(args.get(++i), a);
                if (a.equals("--port")) {
                    if (v > 65535) {
                        throw new UsageException("--port must be 0 to 65535");
                    }
                    port = (int) v;
                } else {
                    seconds = Math.max(1, v);
                }
            } else if (a.startsWith("-") || dir != null) {
                throw new UsageException("unexpected argument '" + a + "'");
            } else {
                dir = Path.of(a);
            }
        }
        if (dir == null || !Files.isRegularFile(dir.resolve("report.html"))) {
            throw new UsageException("give the folder of a scenario, one with a report.html");
        }
        try (StaticServer server = StaticServer.start(dir, port)) {
            out.println("serving " + dir.toAbsolutePath() + " at " + server.url("report.html") + " for " + seconds
                    + " s (Ctrl-C stops)");
            out.flush();
            Thread.sleep(seconds * 1000);
            return 0;
        } catch (IOException e) {
            err.println("lab view: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static long number(String s, String flag) throws UsageException {
        try {
            long v = Long.parseLong(s);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new UsageException(flag + " must be a whole number, got '" + s + "'");
    }
}
