package cairn.lab.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A TCP server on loopback that reads whatever each connection sends, noting when each byte arrived, and closes the
 * connection once the client closed its side. With {@code echo}, it sends every byte back. One thread per connection;
 * {@link #close()} ends them all.
 */
final class LoopbackSink implements AutoCloseable {

    /** One read: how many bytes, and when ({@link System#nanoTime()}). */
    record Arrival(long nanos, int bytes) {}

    private final ServerSocket listener;
    private final boolean echo;
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    LoopbackSink(boolean echo) throws IOException {
        this.echo = echo;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        spawn(this::acceptLoop);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    synchronized long bytes() {
        return arrivals.stream().mapToLong(Arrival::bytes).sum();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                synchronized (this) {
                    sockets.add(s);
                }
                spawn(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        byte[] buffer = new byte[64 * 1024];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long now = System.nanoTime();
                synchronized (this) {
                    arrivals.add(new Arrival(now, n));
                }
                if (echo) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The client reset the connection; what arrived is noted.
        }
    }

    private synchronized void spawn(Runnable body) {
        Thread t = new Thread(body, "sink");
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        List<Thread> all;
        synchronized (this) {
            for (Socket s : sockets) {
                s.close();
            }
            all = List.copyOf(threads);
        }
        try {
            for (Thread t : all) {
                t.join(TimeUnit.SECONDS.toMillis(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
