package cairn.lab.rig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on {@code 127.0.0.1:PORT} to another loopback port that counts what crosses it, each way: payload
 * bytes, and reads, which on loopback come close to one per TCP segment the sender wrote. It can {@link #cut()} the
 * link (every connection dropped, new ones closed at once) and {@link #restore()} it, like a cellular outage,
 * or {@link #freeze()} it: connections stay open but nothing gets through, as when a mobile network loses the box
 * without telling either side.
 *
 * <p>What it does not see: IP and TCP headers (about 52 bytes per segment with timestamps) and bare ACKs; a
 * metered link counts those too, so {@link Count#withHeaders} estimates them.
 *
 * <p>Threads: one accepting, two per connection; all are daemons and end at {@link #close()}.
 */
public final class CountingProxy implements AutoCloseable {

    /** Per-segment overhead assumed by {@link Count#withHeaders}: IPv4 (20) + TCP (20) + timestamps option (12). */
    public static final int HEADER_BYTES = 52;

    /** Totals at one moment. {@code up} is client → server. */
    public record Count(long upBytes, long downBytes, long upReads, long downReads, long atNanos) {
        public long bytes() {
            return upBytes + downBytes;
        }

        public Count minus(Count earlier) {
            return new Count(upBytes - earlier.upBytes, downBytes - earlier.downBytes, upReads - earlier.upReads,
                    downReads - earlier.downReads, atNanos - earlier.atNanos);
        }

        /** Payload plus headers, counting each read as one segment and one bare ACK going back for it. */
        public long withHeaders() {
            return bytes() + 2L * HEADER_BYTES * (upReads + downReads);
        }
    }

    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicLong up = new AtomicLong();
    private final AtomicLong down = new AtomicLong();
    private final AtomicLong upReads = new AtomicLong();
    private final AtomicLong downReads = new AtomicLong();
    private volatile boolean cut;
    private volatile boolean frozen;

    private CountingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(this::accept, "proxy-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public static CountingProxy start(int targetPort) throws IOException {
        return new CountingProxy(targetPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    public Count count() {
        return new Count(up.get(), down.get(), upReads.get(), downReads.get(), System.nanoTime());
    }

    /** Drops every connection and closes new ones at once, until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(CountingProxy::closeQuietly);
    }

    /** From now on, drops whatever either side sends, silently; {@link #restore()} ends it. */
    public void freeze() {
        frozen = true;
    }

    /** Lets traffic through again; connections that lived through a freeze are closed (they lost bytes). */
    public void restore() {
        cut = false;
        if (frozen) {
            frozen = false;
            open.forEach(CountingProxy::closeQuietly);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                open.add(client);
                open.add(target);
                pump(client, target, up, upReads);
                pump(target, client, down, downReads);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicLong bytes, AtomicLong reads) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (frozen) {
                        continue;
                    }
                    bytes.addAndGet(n);
                    reads.incrementAndGet();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side or cut() closed it.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "proxy-" + from.getPort());
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing is all that is wanted.
        }
    }
}
