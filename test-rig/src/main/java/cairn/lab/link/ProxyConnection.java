package cairn.lab.link;

import cairn.time.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection through the link: the client's socket (accepted by the emulator) and the server's (opened by
 * it), with a reader and a writer thread per direction.
 *
 * <p>Opening costs one round trip (the SYN/SYN-ACK exchange; it uses no trace opportunity), and waits for the end of
 * an outage first: the client's {@code connect()} returns at once (the kernel accepts for the listening socket), but
 * nothing it sends is read before then. A server that refuses, or any socket error later, resets both sides (RST). A
 * close is passed on after the bytes sent before it; once both sides closed, both sockets are closed.
 */
final class ProxyConnection {

    private static final Logger LOG = Logger.getLogger(ProxyConnection.class.getName());
    private static final int READ_BYTES = MahimahiTrace.PACKET_BYTES;
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final int id;
    private final Socket client;
    private final InetSocketAddress target;
    private final LinkDirection uplink;
    private final LinkDirection downlink;
    private final long rttNanos;
    private final Ticker ticker;
    private final long startNanos;
    private final Consumer<ProxyConnection> onClosed;
    private final DelayLine toServer;
    private final DelayLine toClient;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicInteger halvesClosed = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Socket server;

    ProxyConnection(int id, Socket client, InetSocketAddress target, LinkDirection uplink, LinkDirection downlink,
            long rttNanos, Ticker ticker, long startNanos, Consumer<ProxyConnection> onClosed) {
        this.id = id;
        this.client = client;
        this.target = target;
        this.uplink = uplink;
        this.downlink = downlink;
        this.rttNanos = rttNanos;
        this.ticker = ticker;
        this.startNanos = startNanos;
        this.onClosed = onClosed;
        this.toServer = new DelayLine(ticker);
        this.toClient = new DelayLine(ticker);
    }

    int id() {
        return id;
    }

    void start() {
        spawn("open", this::open);
    }

    private void open() {
        try {
            if (!awaitHandshake()) {
                return;
            }
            Socket s = new Socket();
            s.setReceiveBufferSize(LinkEmulator.SOCKET_BUFFER_BYTES);
            s.setTcpNoDelay(true);
            server = s;
            s.connect(target, CONNECT_TIMEOUT_MS);
            client.setTcpNoDelay(true);
        } catch (IOException e) {
            LOG.fine(() -> "link connection " + id + ": cannot reach " + target + ": " + e.getMessage());
            reset();
            return;
        } catch (InterruptedException e) {
            reset();
            return;
        }
        synchronized (threads) {
            if (finished.get()) {
                return;
            }
            spawn("up-read", () -> read(client, uplink, toServer));
            spawn("down-read", () -> read(server, downlink, toClient));
            spawn("up-write", () -> write(toServer, server, uplink));
            spawn("down-write", () -> write(toClient, client, downlink));
        }
    }

    /** Waits until the link is up, then one round trip; false when the connection was reset meanwhile. */
    private boolean awaitHandshake() throws InterruptedException {
        LinkSchedule schedule = uplink.schedule();
        long readyAt = -1;
        while (!finished.get()) {
            long now = ticker.nanos();
            long nowMs = Math.max(0, now - startNanos) / 1_000_000;
            if (readyAt < 0 || !schedule.isUp(nowMs)) {
                long upMs = schedule.nextUpMs(nowMs);
                readyAt = (upMs == nowMs ? now : startNanos + upMs * 1_000_000) + rttNanos;
            }
            long wait = readyAt - now;
            if (wait <= 0 && schedule.isUp(nowMs)) {
                return true;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(100_000, Math.min(wait, WAIT_SLICE_NANOS)));
        }
        return false;
    }

    /** Reads a sender's socket into one direction's queue, never more than the queue has room for. */
    private void read(Socket from, LinkDirection direction, DelayLine to) {
        byte[] buffer = new byte[READ_BYTES];
        try {
            InputStream in = from.getInputStream();
            while (!finished.get()) {
                if (!direction.awaitRoom(WAIT_SLICE_NANOS)) {
                    if (direction.isClosed()) {
                        reset();
                    }
                    continue;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    direction.offerEnd(to);
                    return;
                }
                int offset = 0;
                while (offset < n && !finished.get()) {
                    int taken = direction.offer(to, buffer, offset, n - offset);
                    offset += taken;
                    if (taken == 0) {
                        direction.awaitRoom(WAIT_SLICE_NANOS);
                    }
                }
            }
        } catch (IOException e) {
            fail(direction.name() + " read", e);
        } catch (InterruptedException e) {
            reset();
        }
    }

    /** Writes what crossed into the far socket when it falls due, and passes the sender's close on. */
    private void write(DelayLine line, Socket into, LinkDirection direction) {
        try {
            OutputStream out = into.getOutputStream();
            while (!finished.get()) {
                DelayLine.Piece piece = line.take(WAIT_SLICE_NANOS);
                if (piece == null) {
                    continue;
                }
                if (piece.isEnd()) {
                    into.shutdownOutput();
                    if (halvesClosed.incrementAndGet() == 2) {
                        finish(false);
                    }
                    return;
                }
                out.write(piece.data());
                direction.written(piece.data().length);
            }
        } catch (IOException e) {
            fail(direction.name() + " write", e);
        } catch (InterruptedException e) {
            reset();
        }
    }

    /** Ends the connection with an RST on both sides, dropping what it had queued or in flight. */
    void reset() {
        finish(true);
    }

    private void fail(String what, IOException e) {
        if (!finished.get()) {
            LOG.log(Level.FINE, "link connection " + id + ": " + what + " failed, resetting: " + e.getMessage());
        }
        reset();
    }

    private void finish(boolean abort) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        uplink.discard(toServer);
        downlink.discard(toClient);
        uplink.lost(toServer.close());
        downlink.lost(toClient.close());
        closeSocket(client, abort);
        Socket s = server;
        if (s != null) {
            closeSocket(s, abort);
        }
        onClosed.accept(this);
    }

    /** Waits up to {@code millis} for this connection's threads to end. */
    void join(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> all;
        synchronized (threads) {
            all = List.copyOf(threads);
        }
        for (Thread t : all) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    private void spawn(String role, Runnable body) {
        Thread t = new Thread(body, "link-" + id + "-" + role);
        t.setDaemon(true);
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    }

    private static void closeSocket(Socket socket, boolean abort) {
        try {
            if (abort && !socket.isClosed()) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException ignored) {
            // Closing anyway; without the linger option the peer sees a FIN instead of an RST.
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing more can be done with a socket that fails to close.
        }
    }
}
