package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LoopbackSink.Arrival;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The link emulator as a real TCP proxy on loopback, between a client socket and a local server, in real time. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LinkEmulatorIT {

    private static final Duration RTT = Duration.ofMillis(80);

    @Test
    void aBulkTransferRunsAtTheTracesCapacity() throws Exception {
        MahimahiTrace trace = MahimahiTrace.constant(1000);
        try (LoopbackSink sink = new LoopbackSink(false);
                LinkEmulator link = LinkEmulator.start(LinkConfig.unlimited().withUplink(trace).withRtt(RTT),
                        sink.address(), 0)) {
            sendAndAwaitClose(link.port(), randomBytes(1_000_000, 1));

            List<Arrival> got = sink.arrivals();
            assertEquals(1_000_000, sink.bytes());
            Goodput g = goodput(link, got);
            System.out.printf("LinkEmulatorIT: constant 1000 kbit/s: goodput %.1f kbit/s, capacity %.1f kbit/s over %.2f s"
                    + " (ratio %.4f)%n", g.kbps(), g.capacityKbps(), g.seconds(), g.ratio());
            assertEquals(1.0, g.ratio(), 0.03, "goodput vs capacity");
            assertEquals(1000, g.kbps(), 30, "goodput in kbit/s");
            int lastWhole = (int) ((got.get(got.size() - 1).nanos() - link.startedNanos()) / 1_000_000_000L) - 1;
            for (LinkSecond s : link.timeline().subList(1, lastWhole)) {
                assertEquals(s.uplink().capacityBytes(), s.uplink().carriedBytes(), "a backlogged link uses every opportunity: " + s);
                assertTrue(s.uplink().queueMaxBytes() > LinkConfig.DEFAULT_QUEUE_BYTES / 2, "queue filled: " + s);
            }
        }
    }

    @Test
    void twoConnectionsShareTheLinkAndEachGetsItsBytesBackIntactAndInOrder() throws Exception {
        LinkConfig config = LinkConfig.unlimited().withUplink(MahimahiTrace.constant(2000))
                .withDownlink(MahimahiTrace.constant(4000)).withRtt(RTT).withQueueBytes(64 * 1024);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try (LoopbackSink echo = new LoopbackSink(true); LinkEmulator link = LinkEmulator.start(config, echo.address(), 0)) {
            List<Future<byte[]>> results = new ArrayList<>();
            List<byte[]> sent = List.of(randomBytes(300_000, 2), randomBytes(200_000, 3));
            for (byte[] data : sent) {
                results.add(clients.submit(() -> sendAndAwaitClose(link.port(), data)));
            }
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), results.get(i).get(60, TimeUnit.SECONDS), "echo of connection " + i);
            }
            DirectionCounters up = link.uplinkCounters();
            assertEquals(500_000, up.delivered());
            assertEquals(500_000, link.downlinkCounters().delivered());
            assertEquals(2, link.connectionsAccepted());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void anOutageStallsATransferThatThenResumesAndCompletes() throws Exception {
        LinkConfig config = LinkConfig.unlimited().withUplink(MahimahiTrace.constant(2000)).withRtt(RTT)
                .withOutage(Outage.parse("1.5+2.5"));
        try (LoopbackSink sink = new LoopbackSink(false); LinkEmulator link = LinkEmulator.start(config, sink.address(), 0)) {
            assertTrue(link.isUp());
            sendAndAwaitClose(link.port(), randomBytes(1_000_000, 4));

            assertEquals(1_000_000, sink.bytes());
            double halfRtt = RTT.toMillis() / 2000.0;
            List<Double> times = sink.arrivals().stream()
                    .map(a -> (a.nanos() - link.startedNanos()) / 1e9 - halfRtt).toList();
            assertTrue(times.stream().anyMatch(t -> t < 1.5), "bytes before the outage");
            assertEquals(List.of(), times.stream().filter(t -> t > 1.51 && t < 4.0).toList(), "bytes during the outage");
            assertTrue(times.get(times.size() - 1) > 4.5, "the rest after it");
            List<LinkSecond> timeline = link.timeline();
            assertEquals(List.of(500L, 0L, 0L, 1000L), timeline.subList(1, 5).stream().map(LinkSecond::upMs).toList());
            assertEquals(List.of(0L, 0L), timeline.subList(2, 4).stream().map(s -> s.uplink().carriedBytes()).toList());
        }
    }

    @Test
    void aConnectionOpenedDuringAnOutageIsAcceptedButAnsweredOnlyAfterIt() throws Exception {
        LinkConfig config = LinkConfig.unlimited().withRtt(RTT).withOutage(Outage.parse("0+2"));
        try (LoopbackSink echo = new LoopbackSink(true); LinkEmulator link = LinkEmulator.start(config, echo.address(), 0);
                Socket client = new Socket()) {
            assertTrue(!link.isUp());
            client.connect(link.address(), 1_000);
            client.getOutputStream().write("ping".getBytes());
            client.setSoTimeout(10_000);
            int first = client.getInputStream().read();
            double answeredAt = link.elapsedSeconds();

            assertEquals('p', first);
            assertTrue(answeredAt >= 2.0 + 2 * RTT.toMillis() / 1000.0 - 0.01,
                    "answered at " + answeredAt + " s: after the outage, a round trip to connect and one for the ping");
            assertTrue(answeredAt < 3.0, "answered at " + answeredAt + " s");
        }
    }

    @Test
    void resetConnectionsResetsTheClient() throws Exception {
        try (LoopbackSink sink = new LoopbackSink(false);
                LinkEmulator link = LinkEmulator.start(LinkConfig.unlimited().withUplink(MahimahiTrace.constant(500)),
                        sink.address(), 0);
                Socket client = new Socket()) {
            client.connect(link.address(), 1_000);
            client.setSoTimeout(10_000);
            client.getOutputStream().write(new byte[100_000]);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sink.bytes() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, link.connectionsOpen());

            link.resetConnections();

            assertThrows(IOException.class, () -> {
                for (int i = 0; i < 100 && client.getInputStream().read() >= 0; i++) {
                    client.getOutputStream().write(new byte[10_000]);
                }
                client.getOutputStream().write(new byte[10_000]);
            });
            assertEquals(0, link.connectionsOpen());
            assertTrue(sink.bytes() < 100_000, "the server got " + sink.bytes() + " bytes");
        }
    }

    @Test
    void onlyLoopbackTargetsAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> LinkEmulator.start(LinkConfig.unlimited(),
                new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), 80), 0));
    }

    /** Sends {@code data}, closes the sending side, and returns whatever came back until the server closed. */
    static byte[] sendAndAwaitClose(int port, byte[] data) throws IOException, InterruptedException, ExecutionException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<byte[]> back = reader.submit(() -> {
                    InputStream in = socket.getInputStream();
                    return in.readAllBytes();
                });
                OutputStream out = socket.getOutputStream();
                for (int off = 0; off < data.length; off += 16 * 1024) {
                    out.write(data, off, Math.min(16 * 1024, data.length - off));
                }
                socket.shutdownOutput();
                return back.get();
            } finally {
                reader.shutdownNow();
            }
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] data = new byte[n];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** What the sink received between its first and last read, against what the trace allowed in the same window. */
    record Goodput(double seconds, long bytes, long capacityBytes) {
        double kbps() {
            return bytes * 8 / seconds / 1000;
        }

        double capacityKbps() {
            return capacityBytes * 8 / seconds / 1000;
        }

        double ratio() {
            return (double) bytes / capacityBytes;
        }
    }

    static Goodput goodput(LinkEmulator link, List<Arrival> got) {
        long delayNanos = link.config().rtt().toNanos() / 2;
        Arrival first = got.get(0);
        Arrival last = got.get(got.size() - 1);
        long bytes = got.stream().mapToLong(Arrival::bytes).sum() - first.bytes();
        long fromMs = (first.nanos() - delayNanos - link.startedNanos()) / 1_000_000;
        long toMs = (last.nanos() - delayNanos - link.startedNanos()) / 1_000_000;
        long capacity = link.uplinkSchedule().capacityBytes(fromMs + 1, toMs + 1).orElseThrow();
        return new Goodput((last.nanos() - first.nanos()) / 1e9, bytes, capacity);
    }
}
