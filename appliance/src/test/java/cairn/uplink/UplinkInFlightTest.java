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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that answers each PUT after 300 ms, as a far one does: the uplink keeps several segments in flight, sends
 * each once, and the archive playlist still lists them in capture order.
 */
class UplinkInFlightTest {
  @TempDir Path dir;

  @Test
  void segmentsOverlapOnAFarServerEachGoesOnceAndTheArchiveKeepsCaptureOrder() throws Exception {
    Map<String, Integer> puts = new ConcurrentHashMap<>();
    Map<String, byte[]> stored = new ConcurrentHashMap<>();
    AtomicInteger open = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int now = open.incrementAndGet();
      if (path.endsWith(".ts")) {
        mostAtOnce.accumulateAndGet(now, Math::max);
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      open.decrementAndGet();
      puts.merge(path, 1, Integer::sum);
      stored.put(path, body);
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
    try {
      Spool spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
      for (int i = 0; i < 8; i++) {
        byte[] au = new byte[10_000];
        au[3] = 1;
        long start = i * 2_000_000_000L;
        spool.store(new ClosedSegment(new SegmentInfo("cam", "old-boot", -1, start, start + 2_000_000_000L,
            1_700_000_000_000L + i * 2000L, 1_700_000_002_000L + i * 2000L, true, i % 4 == 0, 1, 0, "", 320, 240, 0,
            "libx264"), List.of(new EncodedPacket(au, 0, 0, i % 4 == 0))));
      }
      // A link of 2 Mbit/s and 300 ms: two round trips are 150 kB, room for several 10 kB segments.
      LinkEstimate link = new LinkEstimate() {
        @Override
        public OptionalDouble kbps(long nowNanos) {
          return OptionalDouble.of(2000);
        }

        @Override
        public long roundTripNanos() {
          return 300_000_000L;
        }
      };
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/up";
      Uplink uplink = new Uplink(new UplinkConfig(url, "", "", "", "", 2, 5, 1, false, 5, 10), "box", "boot", spool,
          Ticker.system(), dir.resolve("state"), Map.of(), s -> { }, SendBudget.UNLIMITED, link);
      Supervisor supervisor = new Supervisor(new SystemClock(), RandomGenerator.getDefault());
      supervisor.add("uplink", StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(1)), uplink);
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!spool.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      supervisor.stop("uplink", Duration.ofSeconds(5));
      uplink.flushPlaylists();
      assertTrue(spool.isEmpty(), "delivered");
      assertTrue(mostAtOnce.get() >= 3, "segments in flight at once: " + mostAtOnce.get());
      assertTrue(mostAtOnce.get() <= InFlight.MAX_REQUESTS, "at most " + InFlight.MAX_REQUESTS + ": " + mostAtOnce);
      for (int i = 0; i < 8; i++) {
        assertEquals(1, puts.get(String.format("/up/box/cam/%012d.ts", i)), "segment " + i + " sent once");
      }
      String day = new String(stored.get("/up/box/cam/" + RemoteLayout.day(1_700_000_000_000L) + ".m3u8"));
      List<String> listed = day.lines().filter(l -> l.endsWith(".ts")).toList();
      assertEquals(List.of("000000000000.ts", "000000000001.ts", "000000000002.ts", "000000000003.ts",
          "000000000004.ts", "000000000005.ts", "000000000006.ts", "000000000007.ts"), listed);
      assertTrue(Files.exists(dir.resolve("state").resolve("cam")));
    } finally {
      server.stop(0);
    }
  }
}
