package cairn.uplink;

import static org.junit.jupiter.api.Assertions.*;

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
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The uplink against a data budget, with a JDK HTTP server on loopback as the receiver. */
class UplinkBudgetTest {
  @TempDir Path dir;

  /** A budget the test sets by hand; counts what it is told. */
  private static final class Budget implements SendBudget {
    final AtomicLong counted = new AtomicLong();
    volatile boolean segments = true;
    volatile boolean backlog = true;

    @Override
    public void add(long bytes) {
      counted.addAndGet(bytes);
    }

    @Override
    public boolean segmentsAllowed() {
      return segments;
    }

    @Override
    public boolean backlogAllowed() {
      return backlog;
    }
  }

  @Test
  void aSpentBudgetSendsOnlySnapshotsAndThePacedOneHoldsTheBacklog() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    AtomicLong bodies = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      bodies.addAndGet(exchange.getRequestBody().readAllBytes().length);
      received.add(exchange.getRequestURI().getPath());
      exchange.sendResponseHeaders(201, -1);
      exchange.close();
    });
    server.start();
    Spool spool = Spool.open(dir.resolve("spool"), 1L << 30, 0, new EventBus());
    Budget budget = new Budget();
    budget.segments = false;
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/up";
    Uplink uplink = new Uplink(new UplinkConfig(url, "", "", "", "", 2, 2, 1, false, 5, 10), "box", "boot", spool,
        Ticker.system(), dir.resolve("state"), Map.of(), s -> { }, budget);
    Supervisor supervisor = new Supervisor(new SystemClock(), RandomGenerator.getDefault());
    try {
      // Recorded in an earlier boot: backlog, never live.
      SegmentInfo old = spool.store(new ClosedSegment(new SegmentInfo("cam", "old-boot", -1, 0, 2_000_000_000L,
          1_700_000_000_000L, 1_700_000_002_000L, true, true, 1, 0, "", 320, 240, 0, "libx264"),
          List.of(new EncodedPacket(new byte[] {0, 0, 0, 1, 0x09, (byte) 0xF0}, 0, 0, true))));
      supervisor.add("uplink", StagePolicy.critical(Duration.ZERO, Duration.ofSeconds(1)), uplink);
      uplink.sendSnapshot("cam", new byte[1000]);
      waitFor(() -> received.contains("/up/box/cam/snapshot.jpg"));
      Thread.sleep(500);
      assertEquals(List.of("/up/box/cam/snapshot.jpg"), received, "spent: the snapshot, no segment");
      assertEquals(1, spool.pending().size());

      budget.segments = true;
      budget.backlog = false;
      Thread.sleep(500);
      assertEquals(1, spool.pending().size(), "paced: the backlog waits");

      budget.backlog = true;
      waitFor(() -> spool.pending().isEmpty());
      assertTrue(received.contains("/up/box/cam/000000000000.ts"), received.toString());
    } finally {
      supervisor.stop("uplink", Duration.ofSeconds(5));
      server.stop(0);
    }
    assertTrue(budget.counted.get() > bodies.get() + 2 * 150,
        "headers counted too: " + budget.counted.get() + " against " + bodies.get() + " bytes of bodies");
  }

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(done.getAsBoolean(), "in time");
  }
}
