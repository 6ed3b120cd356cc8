package cairn.lab.mqttbytes;

import cairn.lab.Lab;
import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.CountingProxy;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code lab mqtt-bytes}: what Cairn's MQTT costs on the wire. Runs Mosquitto, a counting relay between the appliance
 * and the broker, and the real appliance process with the MQTT defaults; after a warm-up (connect, Home Assistant
 * discovery, first health) it counts every byte that crosses the relay for a window and scales it to an hour.
 * An observer on the broker counts the messages by kind, to say where the bytes went.
 */
public final class MqttBytesCommand implements Subcommand {
    private static final String USAGE = """
            usage: test-rig/lab mqtt-bytes [--minutes N] [--warmup S] [--out DIR] [--set KEY=VALUE]...

            Runs the appliance (test pattern 160x120 at 5 fps, everything else at its defaults) against a
            Mosquitto on loopback through a byte-counting relay. The first S seconds (default 60) are the
            start-up: connect, discovery, first health. The next N minutes (default 10: a common multiple
            of the 300 s health, 120 s keep-alive and the test pattern's 30 s motion cycle) are the steady
            state, scaled to bytes per hour. --set changes a key (e.g. camera.cam1.pattern=still for a
            scene without motion events). Prints a table; with --out, writes DIR/mqtt-bytes.json too.
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "mqtt-bytes";
    }

    @Override
    public String summary() {
        return "MQTT bytes per hour on the wire at the default settings";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        double minutes = 10;
        double warmup = 60;
        Path outDir = null;
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size() || !List.of("--minutes", "--warmup", "--out", "--set").contains(a)) {
                throw new UsageException(a.startsWith("--") ? a + " is not a flag of mqtt-bytes or needs a value"
                        : "unexpected argument '" + a + "'");
            }
            String v = args.get(++i);
            switch (a) {
                case "--minutes" -> minutes = positive(v, a);
                case "--warmup" -> warmup = positive(v, a);
                case "--out" -> outDir = Path.of(v);
                default -> sets.add(v);
            }
        }
        try {
            return measure(minutes, warmup, outDir, sets, out, err);
        } catch (IOException | InterruptedException e) {
            err.println("lab mqtt-bytes: " + e.getMessage());
            return 1;
        }
    }

    private int measure(double minutes, double warmupS, Path outDir, List<String> sets, PrintStream out,
            PrintStream err) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("cairn-mqtt-bytes-");
        locateApplianceJar();
        List<String> cairnArgs = new ArrayList<>(List.of("--set", "camera.cam1.width=160", "--set",
                "camera.cam1.height=120", "--set", "camera.cam1.fps=5"));
        for (String s : sets) {
            cairnArgs.add("--set");
            cairnArgs.add(s);
        }
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), work.resolve("broker"));
                CountingProxy relay = CountingProxy.start(broker.port());
                MqttProbe observer = MqttProbe.connect(broker.url(), List.of("cairn/#", "homeassistant/#"))) {
            cairnArgs.add("--set");
            cairnArgs.add("mqtt.url=" + relay.url());
            try (ApplianceProcess cairn = ApplianceProcess.start(work.resolve("data"), work.resolve("cairn.log"),
                    cairnArgs)) {
                long t0 = System.nanoTime();
                err.printf("mqtt-bytes: warm-up %.0f s, then %.1f min of steady state (log: %s)%n", warmupS, minutes,
                        cairn.log());
                sleepUntil(t0 + (long) (warmupS * 1e9));
                Path pcap = work.resolve("steady.pcap");
                Process capture = startCapture(relay.port(), pcap, err);
                CountingProxy.Count start = relay.count();
                int startMessages = observer.received().size();
                sleepUntil(start.atNanos() + (long) (minutes * 60e9));
                CountingProxy.Count end = relay.count();
                long[] wire = stopCapture(capture, pcap, relay.port());
                List<MqttProbe.Received> steady = observer.received().subList(startMessages, observer.received().size());
                CountingProxy.Count window = end.minus(start);
                double hours = window.atNanos() / 3.6e12;
                Map<String, long[]> byKind = new TreeMap<>();
                for (MqttProbe.Received r : steady) {
                    String kind = r.topic().startsWith("homeassistant/") ? "discovery"
                            : r.topic().substring(r.topic().lastIndexOf('/') + 1);
                    long[] k = byKind.computeIfAbsent(kind, x -> new long[2]);
                    k[0]++;
                    // PUBLISH: fixed header 2, topic length 2 + topic, packet id 2, payload; PUBACK 4 back.
                    k[1] += 2 + 2 + r.topic().getBytes(StandardCharsets.UTF_8).length + 2 + r.payload().length + 4;
                }
                out.printf("start-up (first %.0f s): %,d bytes up, %,d down%n", warmupS, start.upBytes(),
                        start.downBytes());
                out.printf("steady state: %.1f min, %,d bytes up, %,d down, %d + %d TCP reads%n",
                        window.atNanos() / 6e10, window.upBytes(), window.downBytes(), window.upReads(),
                        window.downReads());
                out.printf("per hour: %,.0f bytes of MQTT (TCP payload); about %,.0f with IP/TCP headers%n",
                        window.bytes() / hours, window.withHeaders() / hours);
                if (wire != null) {
                    out.printf("per hour on the wire (tcpdump on lo, IP packets both ways): %,.0f bytes in %,.0f packets%n",
                            wire[0] / hours, wire[1] / hours);
                }
                byKind.forEach((kind, k) -> out.printf("  %-10s %4d messages/h, about %,6.0f bytes/h of MQTT%n", kind,
                        Math.round(k[0] / hours), k[1] / hours));
                long accounted = byKind.values().stream().mapToLong(k -> k[1]).sum();
                out.printf("  %-10s the rest, about %,6.0f bytes/h (keep-alive pings and the like)%n", "other",
                        Math.max(0, window.bytes() - accounted) / hours);
                if (outDir != null) {
                    Files.createDirectories(outDir);
                    ObjectNode n = JSON.createObjectNode();
                    n.put("warmup_s", warmupS).put("window_s", window.atNanos() / 1e9)
                            .put("startup_bytes", start.bytes()).put("window_up_bytes", window.upBytes())
                            .put("window_down_bytes", window.downBytes()).put("bytes_per_hour", window.bytes() / hours)
                            .put("bytes_per_hour_with_headers", window.withHeaders() / hours);
                    if (wire != null) {
                        n.put("ip_bytes_per_hour", wire[0] / hours).put("ip_packets_per_hour", wire[1] / hours);
                    }
                    ObjectNode kinds = n.putObject("messages_per_hour");
                    byKind.forEach((kind, k) -> kinds.put(kind, k[0] / hours));
                    Files.write(outDir.resolve("mqtt-bytes.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
                }
                cairn.terminate(Duration.ofSeconds(30));
            }
        }
        return 0;
    }

    /** tcpdump on loopback for the relay's port, if it can run here (it needs root); else null. */
    private static Process startCapture(int port, Path pcap, PrintStream err) {
        try {
            Process p = new ProcessBuilder("tcpdump", "-i", "lo", "-U", "-n", "-w", pcap.toString(), "tcp port " + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!Files.exists(pcap) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!p.isAlive() || !Files.exists(pcap)) {
                err.println("mqtt-bytes: tcpdump did not start (not root?); counting TCP payload only");
                return null;
            }
            return p;
        } catch (IOException e) {
            err.println("mqtt-bytes: no tcpdump; counting TCP payload only");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Stops the capture and returns {IP bytes, packets} of the relay's connection, or null. */
    private static long[] stopCapture(Process capture, Path pcap, int port) throws IOException, InterruptedException {
        if (capture == null) {
            return null;
        }
        capture.destroy();
        capture.waitFor();
        Process read = new ProcessBuilder("tcpdump", "-r", pcap.toString(), "-nn", "-v", "tcp port " + port)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        read.waitFor();
        long bytes = 0;
        long packets = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("proto TCP \\(6\\), length (\\d+)").matcher(text);
        while (m.find()) {
            bytes += Long.parseLong(m.group(1));
            packets++;
        }
        return new long[] {bytes, packets};
    }

    /** Lets the lab run from any directory: the appliance jar sits beside the lab's own, two folders up. */
    private static void locateApplianceJar() {
        if (System.getProperty(ApplianceProcess.JAR_PROPERTY) != null) {
            return;
        }
        try {
            Path lab = Path.of(Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = lab.getParent().getParent().getParent().resolve("appliance/target/cairn-appliance.jar");
            if (Files.isRegularFile(jar)) {
                System.setProperty(ApplianceProcess.JAR_PROPERTY, jar.toString());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // ApplianceProcess looks above the working directory instead.
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.min(1000, left / 1_000_000 + 1));
        }
    }

    private static double positive(String v, String flag) throws UsageException {
        try {
            double d = Double.parseDouble(v);
            if (d > 0) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Falls through to the message.
        }
        throw new UsageException(flag + " must be a positive number, not '" + v + "'");
    }
}
