package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkEmulatorIT.Goodput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recorded traces in {@code ../shared/data/traces} (or {@code -Dcairn.traces.dir}) load, read as their README says,
 * and one replays at its capacity. On a clone without {@code ../shared}, the same checks run on traces this test
 * writes itself, so nothing is skipped.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TraceFilesIT {

    /** Mean kbit/s from ../shared/data/README.md. */
    private static final Map<String, Double> README_MEAN_KBPS = Map.of(
            "TMobile-UMTS-driving.up", 943.0, "Verizon-EVDO-driving.up", 843.0, "ATT-LTE-driving-2016.up", 1910.0,
            "Verizon-LTE-short.up", 5946.0, "TMobile-UMTS-driving.down", 2020.0, "Verizon-EVDO-driving.down", 521.0,
            "ATT-LTE-driving-2016.down", 4560.0, "Verizon-LTE-short.down", 5028.0);
    private static final String REPLAYED = "TMobile-UMTS-driving.up";

    @TempDir
    Path dir;

    @Test
    void everyTraceLoadsWithTheRateItsLinesSay() throws IOException {
        List<Path> files = traceFiles();
        assertFalse(files.isEmpty());
        for (Path file : files) {
            MahimahiTrace trace = MahimahiTrace.load(file);
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().filter(l -> !l.isBlank()).toList();
            long last = Long.parseLong(lines.get(lines.size() - 1).strip());

            assertEquals(last, trace.periodMs(), file.toString());
            assertEquals(lines.size(), trace.opportunitiesPerPeriod(), file.toString());
            long atPeriod = lines.stream().filter(l -> Long.parseLong(l.strip()) == last).count();
            assertEquals(lines.size() - atPeriod, trace.opportunitiesBefore(last), file + ": one loop holds every line");
            Double readme = README_MEAN_KBPS.get(trace.name());
            if (readme != null) {
                assertEquals(readme, trace.meanKbps(), readme * 0.01, trace + " vs the README");
            }
            System.out.printf("TraceFilesIT: %s%n", trace);
        }
    }

    @Test
    void aRecordedTraceReplaysAtItsCapacityWhenTheSenderKeepsItBusy() throws Exception {
        List<Path> files = traceFiles();
        Path file = files.stream().filter(f -> f.getFileName().toString().equals(REPLAYED)).findFirst()
                .orElse(files.get(0));
        MahimahiTrace trace = MahimahiTrace.load(file);
        LinkConfig config = LinkConfig.unlimited().withUplink(trace).withRtt(Duration.ofMillis(100));
        try (LoopbackSink sink = new LoopbackSink(false); LinkEmulator link = LinkEmulator.start(config, sink.address(), 0)) {
            long sent = sendFor(link, Duration.ofSeconds(12));

            Goodput g = LinkEmulatorIT.goodput(link, sink.arrivals());
            assertEquals(sent, sink.bytes());
            System.out.printf("TraceFilesIT: %s: goodput %.1f kbit/s, capacity %.1f kbit/s over %.2f s (ratio %.4f)%n",
                    trace.name(), g.kbps(), g.capacityKbps(), g.seconds(), g.ratio());
            assertEquals(1.0, g.ratio(), 0.03, "goodput vs capacity");
            for (LinkSecond s : link.timeline().subList(2, 10)) {
                assertEquals(s.uplink().capacityBytes(), s.uplink().carriedBytes(), "backlogged: every opportunity used: " + s);
            }
        }
    }

    /**
     * Writes as fast as the link takes it for {@code duration}, then closes and waits for the server's close; returns
     * the bytes written. A small send buffer keeps what waits in the kernel, after the writes, short.
     */
    private static long sendFor(LinkEmulator link, Duration duration) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSendBufferSize(32 * 1024);
            socket.connect(link.address(), 1_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = LinkEmulatorIT.randomBytes(8 * 1024, 9);
            long sent = 0;
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                out.write(chunk);
                sent += chunk.length;
            }
            socket.shutdownOutput();
            System.out.printf("TraceFilesIT: wrote %d bytes in %s; link at %.1f s: %s%n", sent, duration,
                    link.elapsedSeconds(), link.uplinkCounters());
            socket.getInputStream().readAllBytes();
            return sent;
        }
    }

    /** The recorded traces if they are here, else traces written now in the same format. */
    private List<Path> traceFiles() throws IOException {
        Optional<Path> shared = sharedTraces();
        if (shared.isPresent()) {
            try (Stream<Path> s = Files.list(shared.get())) {
                return s.filter(f -> f.toString().endsWith(".up") || f.toString().endsWith(".down")).sorted().toList();
            }
        }
        System.out.println("TraceFilesIT: no ../shared/data/traces; writing synthetic traces instead");
        Path up = dir.resolve("synthetic-3g.up");
        MahimahiTrace.perSecond("synthetic-3g.up", 900, 1100, 300, 0, 0, 1400, 1000, 700, 1200, 950, 800, 1300).write(up);
        Path down = dir.resolve("synthetic-3g.down");
        MahimahiTrace.perSecond("synthetic-3g.down", 2000, 150, 3900, 1800, 0, 2500).write(down);
        return List.of(down, up);
    }

    static Optional<Path> sharedTraces() {
        String configured = System.getProperty("cairn.traces.dir");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path traces = d.resolve("shared").resolve("data").resolve("traces");
            if (Files.isDirectory(traces)) {
                return Optional.of(traces);
            }
        }
        return Optional.empty();
    }

    @Test
    void theSyntheticFallbackIsATraceToo() throws IOException {
        Path file = dir.resolve("x.up");
        MahimahiTrace.perSecond("x.up", 900, 0, 1200).write(file);
        assertTrue(MahimahiTrace.load(file).meanKbps() > 600);
    }
}
