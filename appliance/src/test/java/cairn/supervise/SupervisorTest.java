package cairn.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.time.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Restarts and deadlines on a fake clock: stages run on real threads, time moves only when the test says. */
class SupervisorTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final StagePolicy POLICY = StagePolicy.critical(Duration.ofSeconds(8), Duration.ofSeconds(30));

  private final FakeClock clock = new FakeClock();
  private final Supervisor supervisor = new Supervisor(clock, RandomGenerator.getDefault());
  private final Logger logger = Logger.getLogger(Supervisor.class.getName());
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
        warnings.add(r);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void captureLog() {
    logger.addHandler(capture);
  }

  @AfterEach
  void releaseStages() {
    release.countDown();
    logger.removeHandler(capture);
  }

  @Test
  void aStageThatThrowsAnErrorIsRestartedAfterItsBackoff() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    BlockingQueue<Integer> started = new LinkedBlockingQueue<>();
    supervisor.add("encode-cam1", POLICY, checkIn -> {
      started.add(attempts.incrementAndGet());
      if (attempts.get() <= 2) {
        throw new StackOverflowError("native code blew the stack");
      }
      release.await();
    });
    assertEquals(1, started.poll(10, TimeUnit.SECONDS));
    assertTrue(supervisor.awaitState("encode-cam1", StageState.RESTARTING, WAIT));
    clock.advance(Duration.ofMillis(400));
    assertEquals(StageState.RESTARTING, supervisor.state("encode-cam1"), "the first pause is 0.5 to 1 s");
    clock.advance(Duration.ofMillis(600));
    assertEquals(2, started.poll(10, TimeUnit.SECONDS));
    assertTrue(supervisor.awaitState("encode-cam1", StageState.RESTARTING, WAIT));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(3, started.poll(10, TimeUnit.SECONDS));
    assertTrue(supervisor.awaitState("encode-cam1", StageState.RUNNING, WAIT));
    StageReport r = supervisor.reports().get(0);
    assertEquals(2, r.restarts());
    assertEquals("StackOverflowError: native code blew the stack", r.lastFailure());
    assertEquals(1, warnings.size(), "the same failure twice is logged once");
    assertTrue(warnings.get(0).getMessage().startsWith("encode-cam1 failed: StackOverflowError"),
        warnings.get(0).getMessage());
  }

  @Test
  void eachDistinctFailureIsLoggedOnceAndAgainAfterTheStageWorked() throws Exception {
    BlockingQueue<String> failures = new LinkedBlockingQueue<>(
        List.of("camera unplugged", "camera unplugged", "camera unplugged", "permission denied", "ok", "permission denied"));
    supervisor.add("capture-cam1", POLICY, checkIn -> {
      String next = failures.poll();
      if ("ok".equals(next)) {
        checkIn.progress();
        throw new IOException("permission denied");
      }
      if (next == null) {
        release.await();
        return;
      }
      throw new IOException(next);
    });
    for (int i = 0; i < 6; i++) {
      assertTrue(supervisor.awaitState("capture-cam1", StageState.RESTARTING, WAIT));
      clock.advance(Duration.ofSeconds(30));
    }
    assertTrue(supervisor.awaitState("capture-cam1", StageState.RUNNING, WAIT), supervisor.summary() + failures);
    assertEquals(List.of("capture-cam1 failed: camera unplugged", "capture-cam1 failed: permission denied",
        "capture-cam1 failed: permission denied"),
        warnings.stream().map(w -> w.getMessage().replaceAll(";.*", "")).toList());
  }

  @Test
  void aSilentStageIsStuckAtItsDeadlineInterruptedAndRestarted() throws Exception {
    BlockingQueue<Integer> started = new LinkedBlockingQueue<>();
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch mayEnd = new CountDownLatch(1);
    supervisor.add("uplink", POLICY, checkIn -> {
      checkIn.progress();
      started.add(attempts.incrementAndGet());
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        mayEnd.await();
      }
    });
    supervisor.startChecks(Duration.ofSeconds(1));
    assertEquals(1, started.poll(10, TimeUnit.SECONDS));
    clock.advance(Duration.ofSeconds(8));
    assertTrue(supervisor.criticalHealthy(), "8 s of silence is within the deadline");
    clock.advance(Duration.ofSeconds(1));
    assertTrue(interrupted.await(10, TimeUnit.SECONDS));
    assertEquals(StageState.STUCK, supervisor.state("uplink"));
    assertFalse(supervisor.criticalHealthy());
    mayEnd.countDown();
    assertTrue(supervisor.awaitState("uplink", StageState.RESTARTING, WAIT), "its thread ended");
    assertTrue(supervisor.criticalHealthy());
    assertEquals("no progress for 8 s", supervisor.reports().get(0).lastFailure());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, started.poll(10, TimeUnit.SECONDS));
  }

  @Test
  void aStageThatIgnoresInterruptsStaysStuck() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    supervisor.add("encode-cam1", POLICY, checkIn -> {
      inside.countDown();
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException wedged) {
          // A native call that does not return: the interrupt changes nothing.
        }
      }
    });
    supervisor.add("leds", StagePolicy.optional(Duration.ZERO, Duration.ofSeconds(30)), checkIn -> release.await());
    supervisor.startChecks(Duration.ofSeconds(1));
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    clock.advance(Duration.ofSeconds(30));
    assertEquals(StageState.STUCK, supervisor.state("encode-cam1"));
    assertFalse(supervisor.criticalHealthy());
    assertEquals("1 of 2 stages running; stuck: encode-cam1", supervisor.summary());
  }

  @Test
  void aStuckStageThatChecksInAgainIsRunningAgain() throws Exception {
    BlockingQueue<String> work = new LinkedBlockingQueue<>();
    BlockingQueue<String> done = new LinkedBlockingQueue<>();
    supervisor.add("uplink", POLICY, checkIn -> {
      while (true) {
        try {
          String w = work.take();
          checkIn.progress();
          done.add(w);
        } catch (InterruptedException swallowed) {
          // As some I/O libraries do.
        }
      }
    });
    supervisor.startChecks(Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(9));
    assertEquals(StageState.STUCK, supervisor.state("uplink"));
    work.add("late request finished");
    assertEquals("late request finished", done.poll(10, TimeUnit.SECONDS));
    assertEquals(StageState.RUNNING, supervisor.state("uplink"));
    assertTrue(supervisor.criticalHealthy());
  }

  @Test
  void aNonCriticalStuckStageDoesNotMakeTheBoxUnhealthy() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    supervisor.add("mqtt", StagePolicy.optional(Duration.ofSeconds(8), Duration.ofSeconds(30)), checkIn -> {
      inside.countDown();
      release.await();
    });
    assertTrue(inside.await(10, TimeUnit.SECONDS));
    clock.advance(Duration.ofSeconds(9));
    assertEquals(StageState.STUCK, supervisor.state("mqtt"));
    assertTrue(supervisor.criticalHealthy());
  }

  @Test
  void aStageThatChecksInIsNeverStuck() throws Exception {
    BlockingQueue<String> work = new LinkedBlockingQueue<>();
    BlockingQueue<String> done = new LinkedBlockingQueue<>();
    supervisor.add("rate", POLICY, checkIn -> {
      while (true) {
        String w = work.take();
        checkIn.progress();
        done.add(w);
      }
    });
    supervisor.startChecks(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(5));
      work.add("step " + i);
      assertEquals("step " + i, done.poll(10, TimeUnit.SECONDS));
    }
    assertEquals(StageState.RUNNING, supervisor.state("rate"));
    assertEquals(0, supervisor.reports().get(0).restarts());
  }

  @Test
  void aStageThatReturnsByItselfEndsAndIsNotRestarted() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    supervisor.add("capture-cam1", POLICY, checkIn -> attempts.incrementAndGet());
    assertTrue(supervisor.awaitState("capture-cam1", StageState.ENDED, WAIT));
    clock.advance(Duration.ofMinutes(5));
    assertEquals(1, attempts.get());
  }

  @Test
  void stopEndsTheStageAndCancelsARestart() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    supervisor.add("uplink", POLICY, checkIn -> {
      attempts.incrementAndGet();
      throw new IOException("refused");
    });
    assertTrue(supervisor.awaitState("uplink", StageState.RESTARTING, WAIT));
    supervisor.stop("uplink", WAIT);
    clock.advance(Duration.ofMinutes(5));
    assertEquals(StageState.STOPPED, supervisor.state("uplink"));
    assertEquals(1, attempts.get());
  }
}
