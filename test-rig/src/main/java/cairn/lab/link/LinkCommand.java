package cairn.lab.link;

import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab link}: the link emulator by hand, between any local client and a local server, printing one line per
 * second until {@code --duration} ends or it is interrupted (Ctrl-C, SIGTERM); then writes the timeline.
 */
public final class LinkCommand implements Subcommand {

    private static final String USAGE = """
            usage: test-rig/lab link --to PORT [--listen PORT] [--uplink-trace TRACE] [--downlink-trace TRACE]
                                     [--rtt-ms MS] [--queue-bytes BYTES] [--outage AT_S+FOR_S]...
                                     [--duration SECONDS] [--timeline FILE]

            A cellular link on loopback: listens on 127.0.0.1:--listen (default: a free port, printed) and forwards
            every connection to 127.0.0.1:--to, client-to-server bytes paced by --uplink-trace, server-to-client by
            --downlink-trace (Mahimahi format; unlimited when absent), delayed by half of --rtt-ms each way (0),
            through a queue of --queue-bytes per direction (262144; when full the proxy stops reading the sender).
            --outage 60+30 cuts the link from second 60 for 30 s (repeatable). Prints READY and then one line a
            second: capacity, carried and queue per direction. --timeline writes every second as JSON at the end.
            """;
    private static final List<String> FLAGS = List.of("--to", "--listen", "--uplink-trace", "--downlink-trace", "--rtt-ms",
            "--queue-bytes", "--outage", "--duration", "--timeline");

    @Override
    public String name() {
        return "link";
    }

    @Override
    public String summary() {
        return "the trace-driven link emulator as a TCP proxy on loopback, by hand";
    }

    @Override
    public String usage() {
        return USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        Map<String, String> flags = new LinkedHashMap<>();
        List<Outage> outages = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!FLAGS.contains(a) || i + 1 >= args.size()) {
                throw new UsageException(a.startsWith("--") ? "'" + a + "' is not a flag of link or needs a value"
                        : "unexpected argument '" + a + "'");
            }
            String value = args.get(++i);
            if (a.equals("--outage")) {
                outages.add(parse(() -> Outage.parse(value)));
            } else {
                flags.put(a, value);
            }
        }
        if (!flags.containsKey("--to")) {
            throw new UsageException("--to PORT (the local server to forward to) is required");
        }
        int to = (int) integer(flags.get("--to"), "--to", 1, 65535);
        int listen = (int) integer(flags.getOrDefault("--listen", "0"), "--listen", 0, 65535);
        LinkConfig config = LinkConfig.unlimited()
                .withRtt(Duration.ofMillis(integer(flags.getOrDefault("--rtt-ms", "0"), "--rtt-ms", 0, 60_000)))
                .withQueueBytes(integer(flags.getOrDefault("--queue-bytes", String.valueOf(LinkConfig.DEFAULT_QUEUE_BYTES)),
                        "--queue-bytes", MahimahiTrace.PACKET_BYTES, Integer.MAX_VALUE));
        try {
            if (flags.containsKey("--uplink-trace")) {
                config = config.withUplink(MahimahiTrace.load(Path.of(flags.get("--uplink-trace"))));
            }
            if (flags.containsKey("--downlink-trace")) {
                config = config.withDownlink(MahimahiTrace.load(Path.of(flags.get("--downlink-trace"))));
            }
        } catch (IOException e) {
            throw new UsageException("cannot read trace: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        for (Outage o : outages) {
            config = config.withOutage(o);
        }
        long seconds = integer(flags.getOrDefault("--duration", "0"), "--duration", 0, Integer.MAX_VALUE);
        Path timeline = flags.containsKey("--timeline") ? Path.of(flags.get("--timeline")) : null;
        try {
            return serve(config, to, listen, seconds, timeline, out, err);
        } catch (IOException e) {
            err.println("link: " + e.getMessage());
            return 1;
        }
    }

    private static int serve(LinkConfig config, int to, int listen, long seconds, Path timeline, PrintStream out,
            PrintStream err) throws IOException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(stopped, 5);
        }, "link-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (LinkEmulator link = LinkEmulator.start(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), to), listen)) {
            out.printf("READY 127.0.0.1:%d -> 127.0.0.1:%d uplink %s downlink %s rtt %d ms queue %d B outages %s%n",
                    link.port(), to, describe(config.uplink().map(Object::toString).orElse("unlimited")),
                    describe(config.downlink().map(Object::toString).orElse("unlimited")), config.rtt().toMillis(),
                    config.uplinkQueueBytes(), config.outages());
            out.println("   t  up   cap kbit/s  carried kbit/s  queue B | down  cap kbit/s  carried kbit/s  queue B | conns");
            int printed = 0;
            while (seconds == 0 || printed < seconds) {
                long nextMs = (printed + 1) * 1000L;
                long waitMs = nextMs - (long) (link.elapsedSeconds() * 1000);
                if (waitMs > 0 && stop.await(waitMs, TimeUnit.MILLISECONDS)) {
                    break;
                }
                LinkSecond s = link.timeline(printed + 1).get(printed);
                out.printf("%4d %4s %14s %15.0f %8d | %16s %15.0f %8d | %d%n", s.t(), s.upMs() == 1000 ? "up" : "DOWN",
                        kbps(s.uplink()), s.uplink().carriedKbps(), s.uplink().queueMaxBytes(), kbps(s.downlink()),
                        s.downlink().carriedKbps(), s.downlink().queueMaxBytes(), link.connectionsOpen());
                printed++;
            }
            if (timeline != null) {
                writeTimeline(timeline, link);
                err.println("link: timeline of " + printed + " s written to " + timeline);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running: it waits for "stopped", counted down above.
            }
        }
    }

    private static void writeTimeline(Path file, LinkEmulator link) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        LinkConfig c = link.config();
        json.put("uplink_trace", c.uplink().map(MahimahiTrace::name).orElse(null));
        json.put("downlink_trace", c.downlink().map(MahimahiTrace::name).orElse(null));
        json.put("rtt_ms", c.rtt().toMillis());
        json.put("queue_bytes", c.uplinkQueueBytes());
        json.put("outages", c.outages().stream().map(Outage::toString).toList());
        json.put("uplink", link.uplinkCounters());
        json.put("downlink", link.downlinkCounters());
        json.put("seconds", link.timeline());
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    }

    private static String kbps(LinkSecond.DirectionSecond d) {
        return d.capacityBytes() == null ? "unlimited" : String.format("%.0f", d.capacityKbps());
    }

    private static String describe(String s) {
        return "[" + s + "]";
    }

    private static void awaitQuietly(CountDownLatch latch, long seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long integer(String s, String flag, long min, long max) throws UsageException {
        try {
            long v = Long.parseLong(s);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new UsageException(flag + " must be a whole number from " + min + " to " + max + ", got '" + s + "'");
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T parse(Parse<T> p) throws UsageException {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
