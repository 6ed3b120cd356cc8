package cairn.lab.link;

import cairn.lab.link.LinkDirection.DirectionSeconds;
import cairn.lab.link.LinkSecond.DirectionSecond;
import cairn.time.Ticker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A cellular link on loopback: a TCP proxy from {@code 127.0.0.1:port()} to a loopback target that replays a
 * Mahimahi trace per direction, with a base RTT, a drop-tail queue per direction and scheduled outages
 * (see {@link LinkDirection} for the queue, {@link ProxyConnection} for connections). Time 0 is the moment
 * {@link #start} returns; what the link may carry when is a pure function of the time since then.
 *
 * <p>During an outage no byte moves either way: transfers stall, and a new connection is accepted by the kernel
 * (the client's {@code connect()} succeeds) but nothing is forwarded, nor the server connected, until the outage
 * ends. Bytes already carried before the outage still arrive after their delay.
 *
 * <p>Thread-safe. Every thread it starts is a daemon and ends on {@link #close()}, which also resets every
 * connection. Refuses any target that is not a loopback address.
 *
 * <pre>{@code
 * try (LinkEmulator link = LinkEmulator.start(LinkConfig.unlimited().withUplink(MahimahiTrace.constant(1000)),
 *         new InetSocketAddress(InetAddress.getLoopbackAddress(), nginxPort), 0)) {
 *     upload("http://127.0.0.1:" + link.port() + "/cam1/000000000001.ts");
 *     List<LinkSecond> seconds = link.timeline();
 * }
 * }</pre>
 */
public final class LinkEmulator implements AutoCloseable {

    /** Kernel buffer asked for on the sockets the proxy reads from, so that little hides outside the queue. */
    static final int SOCKET_BUFFER_BYTES = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(LinkEmulator.class.getName());
    private static final long IN_FLIGHT_LIMIT = 8L * 1024 * 1024;
    private static final long JOIN_MILLIS = 2_000;

    private final LinkConfig config;
    private final InetSocketAddress target;
    private final Ticker ticker;
    private final long startNanos;
    private final LinkDirection uplink;
    private final LinkDirection downlink;
    private final ServerSocket listener;
    private final Map<Integer, ProxyConnection> open = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private LinkEmulator(LinkConfig config, InetSocketAddress target, int port, Ticker ticker) throws IOException {
        this.config = Objects.requireNonNull(config, "config");
        this.target = Objects.requireNonNull(target, "target");
        if (target.isUnresolved() || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("The link emulator only forwards to loopback, not to " + target + ".");
        }
        this.ticker = ticker;
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.setReceiveBufferSize(SOCKET_BUFFER_BYTES);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            socket.close();
            throw new IOException("The link emulator cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.listener = socket;
        this.startNanos = ticker.nanos();
        long delay = config.rtt().toNanos() / 2;
        this.uplink = new LinkDirection("uplink", config.uplinkSchedule(), config.uplinkQueueBytes(), delay,
                IN_FLIGHT_LIMIT, ticker, startNanos);
        this.downlink = new LinkDirection("downlink", config.downlinkSchedule(), config.downlinkQueueBytes(),
                config.rtt().toNanos() - delay, IN_FLIGHT_LIMIT, ticker, startNanos);
    }

    /** Listens on {@code 127.0.0.1:port} (0: any free port) and forwards to {@code target}, a loopback address. */
    public static LinkEmulator start(LinkConfig config, InetSocketAddress target, int port) throws IOException {
        LinkEmulator link = new LinkEmulator(config, target, port, Ticker.system());
        link.spawn("link-uplink", () -> link.runDirection(link.uplink));
        link.spawn("link-downlink", () -> link.runDirection(link.downlink));
        link.spawn("link-accept", link::acceptLoop);
        return link;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    public InetSocketAddress target() {
        return target;
    }

    public LinkConfig config() {
        return config;
    }

    /** {@link System#nanoTime()} at time 0 of the link. */
    public long startedNanos() {
        return startNanos;
    }

    /** Seconds since the link started. */
    public double elapsedSeconds() {
        return (ticker.nanos() - startNanos) / 1e9;
    }

    /** False during a scheduled outage. */
    public boolean isUp() {
        return uplink.schedule().isUp(elapsedMs());
    }

    /** The uplink's schedule: its trace, the outages, and the capacity of any window. */
    public LinkSchedule uplinkSchedule() {
        return uplink.schedule();
    }

    public LinkSchedule downlinkSchedule() {
        return downlink.schedule();
    }

    public DirectionCounters uplinkCounters() {
        return uplink.counters();
    }

    public DirectionCounters downlinkCounters() {
        return downlink.counters();
    }

    /** Connections accepted since the start. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    public int connectionsOpen() {
        return open.size();
    }

    /** Every whole second so far, from second 0. */
    public List<LinkSecond> timeline() {
        return timeline((int) (elapsedMs() / 1000));
    }

    /** Seconds {@code 0..count-1} (later seconds than now show capacity only). */
    public List<LinkSecond> timeline(int count) {
        DirectionSeconds up = uplink.seconds(count);
        DirectionSeconds down = downlink.seconds(count);
        List<LinkSecond> seconds = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            long upMs = uplink.schedule().upMsBetween(s * 1000L, (s + 1) * 1000L);
            seconds.add(new LinkSecond(s, upMs, second(up, s), second(down, s)));
        }
        return seconds;
    }

    private static DirectionSecond second(DirectionSeconds d, int s) {
        Long capacity = d.capacity().map(c -> c[s]).orElse(null);
        return new DirectionSecond(capacity, d.carried()[s], d.delivered()[s], d.queueMax()[s]);
    }

    /**
     * Resets every open connection (RST to both sides), dropping what they had queued or in flight: what a client sees
     * when the modem re-attaches with a new address, or a connection dies mid-body.
     */
    public void resetConnections() {
        for (ProxyConnection c : List.copyOf(open.values())) {
            c.reset();
        }
    }

    /** Stops listening, resets every connection and ends every thread (waiting a little for them). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // The accept thread ends either way once closed is set.
        }
        List<ProxyConnection> connections = List.copyOf(open.values());
        connections.forEach(ProxyConnection::reset);
        uplink.close();
        downlink.close();
        try {
            for (Thread t : threads) {
                t.join(JOIN_MILLIS);
            }
            for (ProxyConnection c : connections) {
                c.join(JOIN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warning("link emulator: accept failed: " + e.getMessage());
                }
                return;
            }
            int id = accepted.incrementAndGet();
            ProxyConnection c = new ProxyConnection(id, client, target, uplink, downlink, config.rtt().toNanos(),
                    ticker, startNanos, done -> open.remove(done.id()));
            open.put(id, c);
            if (closed) {
                c.reset();
                return;
            }
            c.start();
        }
    }

    private void runDirection(LinkDirection direction) {
        try {
            direction.runLink();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long elapsedMs() {
        return TimeUnit.NANOSECONDS.toMillis(Math.max(0, ticker.nanos() - startNanos));
    }

    private void spawn(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }
}
