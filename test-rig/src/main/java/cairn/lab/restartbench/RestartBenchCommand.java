package cairn.lab.restartbench;

import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab restart-bench}: whether restarting a pipeline gives back what it took. Runs Mosquitto and the real
 * appliance process, sends {@code restart-pipeline} over MQTT again and again, each once the previous one is done,
 * and reads the process's resident memory (VmRSS) before the first and after chosen counts. A benchmark of memory,
 * not of time: it prints figures and asserts nothing.
 */
public final class RestartBenchCommand implements Subcommand {
    private static final String USAGE = """
            usage: test-rig/lab restart-bench [--restarts N] [--warmup S] [--out DIR] [--set KEY=VALUE]...

            Runs the appliance (test pattern 1280x720, moving, by default) with an MQTT broker on loopback,
            waits S seconds (default 300: a fresh JVM's heap and malloc arenas take about four minutes to reach
            their working size, with or without restarts), then sends restart-pipeline N times (default 200),
            each after the previous restart is logged. Prints VmRSS (and the seconds since start) before the
            first and after 10, 50, 100, 150 and N restarts; with --out, writes DIR/restart-bench.json too.
            --set changes a key of the appliance (e.g. camera.cam1.width=320).
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration RESTART_TIMEOUT = Duration.ofSeconds(30);
    private static final List<Integer> MARKS = List.of(10, 50, 100, 150);

    @Override
    public String name() {
        return "restart-bench";
    }

    @Override
    public String summary() {
        return "resident memory after N pipeline restarts (restart-pipeline over MQTT)";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        int restarts = 200;
        int warmup = 300;
        Path outDir = null;
        List<String> sets = new ArrayList<>(List.of("camera.cam1.pattern=moving"));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size() || !List.of("--restarts", "--warmup", "--out", "--set").contains(a)) {
                throw new UsageException(a.startsWith("--") ? a + " is not a flag of restart-bench or needs a value"
                        : "unexpected argument '" + a + "'");
            }
            String v = args.get(++i);
            switch (a) {
                case "--restarts" -> restarts = count(v, a, 1);
                case "--warmup" -> warmup = count(v, a, 0);
                case "--out" -> outDir = Path.of(v);
                default -> sets.add(v);
            }
        }
        try {
            return measure(restarts, Duration.ofSeconds(warmup), outDir, sets, out, err);
        } catch (IOException e) {
            err.println("lab restart-bench: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lab restart-bench: interrupted");
            return 1;
        }
    }

    private static int measure(int restarts, Duration warmup, Path outDir, List<String> sets, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Path work = outDir != null ? Files.createDirectories(outDir) : Files.createTempDirectory("cairn-restart-bench");
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), work.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/cmd/result"))) {
            List<String> cmd = new ArrayList<>(List.of("--set", "mqtt.url=" + broker.url()));
            sets.forEach(s -> cmd.addAll(List.of("--set", s)));
            try (ApplianceProcess cairn = ApplianceProcess.start(work.resolve("data"), work.resolve("cairn.log"), cmd)) {
                cairn.waitForLog("mqtt: connected", Duration.ofSeconds(60));
                Thread.sleep(warmup.toMillis());
                ObjectNode report = JSON.createObjectNode().put("restarts", restarts).put("warmup_s", warmup.toSeconds());
                report.putPOJO("settings", sets);
                ArrayNode marks = report.putArray("rss_mb");
                mark(marks, 0, cairn, out);
                for (int n = 1; n <= restarts; n++) {
                    probe.publish("cairn/cairn/cmd", "{\"id\":\"r" + n + "\",\"action\":\"restart-pipeline\"}");
                    awaitRestarts(cairn, n);
                    if (MARKS.contains(n) || n == restarts) {
                        Thread.sleep(SETTLE.toMillis()); // let the new pipeline reach its working size
                        mark(marks, n, cairn, out);
                    }
                }
                long at10 = rssAt(marks, Math.min(10, restarts));
                long atN = rssAt(marks, restarts);
                report.put("growth_10_to_n_percent", Math.round(1000.0 * (atN - at10) / at10) / 10.0);
                out.printf("after %d restarts %d MB, after 10 %d MB: %+.1f %%%n", restarts, atN, at10,
                        100.0 * (atN - at10) / at10);
                Files.writeString(work.resolve("restart-bench.json"), JSON.writerWithDefaultPrettyPrinter()
                        .writeValueAsString(report));
                err.println("lab restart-bench: report in " + work.resolve("restart-bench.json"));
                cairn.terminate(Duration.ofSeconds(30));
            }
        }
        return 0;
    }

    private static void awaitRestarts(ApplianceProcess cairn, int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        while (cairn.logLines().stream().filter(l -> l.contains("pipeline restarted")).count() < n) {
            if (System.nanoTime() > deadline || !cairn.isAlive()) {
                throw new IOException("restart " + n + " was not logged; see " + cairn.log());
            }
            Thread.sleep(50);
        }
    }

    private static void mark(ArrayNode marks, int n, ApplianceProcess cairn, PrintStream out) throws IOException {
        long mb = rssMb(cairn.pid());
        long seconds = (System.nanoTime() - cairn.startedNanos()) / 1_000_000_000L;
        marks.addObject().put("after", n).put("mb", mb).put("at_s", seconds);
        out.printf("%4d restarts: %d MB (%d s after start)%n", n, mb, seconds);
    }

    private static long rssAt(ArrayNode marks, int n) {
        for (var m : marks) {
            if (m.get("after").asInt() == n) {
                return m.get("mb").asLong();
            }
        }
        throw new IllegalStateException("no mark at " + n);
    }

    static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    private static int count(String v, String flag, int least) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException(flag + " needs a whole number of at least " + least + ", not '" + v + "'");
    }
}
