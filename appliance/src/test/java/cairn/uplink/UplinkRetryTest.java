package cairn.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.bus.EventBus;
import cairn.config.CairnConfig.UplinkConfig;
import cairn.encode.EncodedPacket;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import cairn.supervise.StagePolicy;
import cairn.supervise.Supervisor;
import cairn.time.SystemClock;
import cairn.time.Ticker;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outage that cuts the server's answer after it stored the segment: the uplink asks before
 * sending it again. The server is an in-process HTTP server on loopback that can drop its reply.
 */
class UplinkRetryTest {
  @TempDir Path dir;

  @Test
  void aSegmentWhoseAnswerWasLostIsNotSentAgain() throws Exception {
    Map<String, byte[]> stored = new ConcurrentHashMap<>();
    AtomicInteger puts = new AtomicInteger();
    AtomicInteger heads = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("PUT")) {
        byte[] body = exchange.getRequestBody().readAllBytes();
        stored.put(path, body);
        if (path.endsWith(".ts") && puts.incrementAndGet() == 1) {
          exchange.close(); // stored, but the answer never leaves: the client sees the connection drop
          return;
        }
        exchange.sendResponseHeaders(201, -1);
      } else if (exchange.getRequestMethod().equals("HEAD")) {
        heads.incrementAndGet();
        byte[] body = stored.get(path);
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
          exchange.sendResponseHeaders(200, -1);
        }
      }
      exchange.close();
    });
    server.start();
    try {
      Spool spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
      byte[] au = {0, 0, 0, 1, 0x09, (byte) 0xF0};
      SegmentInfo s = spool.store(new ClosedSegment(new SegmentInfo("cam", "old-boot", -1, 0, 2_000_000_000L,
          1_700_000_000_000L, 1_700_000_002_000L, true, true, 1, 0, "", 320, 240, 0, "libx264"),
          List.of(new EncodedPacket(au, 0, 0, true))));
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/up";
      List<UploadSample> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
      Uplink uplink = new Uplink(new UplinkConfig(url, "", "", "", "", 2, 2, 1, false, 5, 10), "box", "boot", spool,
          Ticker.system(), dir.resolve("state"), Map.of(), samples::add);
      Supervisor supervisor = new Supervisor(new SystemClock(), RandomGenerator.getDefault());
      supervisor.add("uplink", StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(1)), uplink);
      long deadline = System.nanoTime() + 20_000_000_000L;
      // Until the archive playlist went too: a stop in the middle of a delivery may leave it for the next start.
      java.util.function.Predicate<UploadSample> playlist = u -> u.ok() && u.camera().isEmpty() && u.bytes() > 0
          && u.bytes() < 2_000 && u.nanos() > 0;
      while ((!spool.pending().isEmpty() || samples.stream().noneMatch(playlist)) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      supervisor.stop("uplink", Duration.ofSeconds(5));
      uplink.flushPlaylists();
      assertTrue(spool.pending().isEmpty(), "delivered");
      assertEquals(1, puts.get(), "sent once");
      // One HEAD asks whether the silent link is back (the lost answer made it silent), one whether the server
      // holds the segment.
      assertEquals(2, heads.get(), "asked twice");
      assertEquals(s.bytes(), stored.get("/up/box/cam/000000000000.ts").length);
      // The archive playlist's PUT goes to the link monitor too: a small request, so its time is a round trip.
      assertTrue(samples.stream().anyMatch(playlist), samples.toString());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aSnapshotGoesBesideTheSegments() throws Exception {
    Map<String, byte[]> stored = new ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      stored.put(exchange.getRequestURI().getPath(), exchange.getRequestBody().readAllBytes());
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
    try {
      Spool spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/up";
      Uplink uplink = new Uplink(new UplinkConfig(url, "", "", "", "", 2, 2, 1, false, 5, 10), "box", "boot", spool,
          Ticker.system(), dir.resolve("state"), Map.of(), sample -> { });
      byte[] jpeg = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};
      assertEquals(url + "/box/cam/snapshot.jpg", uplink.sendSnapshot("cam", jpeg).toString());
      Supervisor supervisor = new Supervisor(new SystemClock(), RandomGenerator.getDefault());
      supervisor.add("uplink", StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(1)), uplink);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!stored.containsKey("/up/box/cam/snapshot.jpg") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      supervisor.stop("uplink", Duration.ofSeconds(5));
      uplink.flushPlaylists();
      assertTrue(java.util.Arrays.equals(jpeg, stored.get("/up/box/cam/snapshot.jpg")));
    } finally {
      server.stop(0);
    }
  }
}
