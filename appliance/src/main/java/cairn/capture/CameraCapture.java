package cairn.capture;

import cairn.base.Backoff;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.time.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One camera's grab thread: opens the source once and grabs until it fails, then reconnects after
 * a capped, doubling pause; {@code camera_lost} and {@code camera_back} (with the gap) go on the bus.
 * It never stops on a camera error, only on {@link #stop()} or at the end of a file that does not
 * loop, and never waits for the encoder: frames go into a {@link FrameQueue} that drops the oldest.
 */
public final class CameraCapture {
  private static final Logger LOG = Logger.getLogger(CameraCapture.class.getName());

  public enum Status { STARTING, RUNNING, LOST, ENDED, STOPPED }

  private final String camera;
  private final Supplier<FrameSource> sources;
  private final FrameQueue queue;
  private final EventBus bus;
  private final Ticker ticker;
  private final Backoff backoff;
  private final Thread thread;
  private final AtomicLong captured = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private volatile long maxGapNanos;
  private long lastCaptureNanos = -1;
  private volatile Status status = Status.STARTING;
  private volatile String lastError = "";
  private volatile boolean stopping;

  public CameraCapture(String camera, Supplier<FrameSource> sources, FrameQueue queue, EventBus bus, Ticker ticker,
      double retryMaxSeconds) {
    this.camera = camera;
    this.sources = sources;
    this.queue = queue;
    this.bus = bus;
    this.ticker = ticker;
    this.backoff = new Backoff(TimeUnit.SECONDS.toNanos(1), (long) (retryMaxSeconds * 1e9));
    this.thread = new Thread(this::run, "capture-" + camera);
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  public void stop() {
    stopping = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Blocks until the thread ends by itself (end of a non-looping file) or the timeout passes. */
  public boolean awaitEnd(long timeoutMillis) throws InterruptedException {
    thread.join(timeoutMillis);
    return !thread.isAlive();
  }

  private void run() {
    long lostAtNanos = -1;
    while (!stopping) {
      FrameSource source = sources.get();
      try {
        source.open();
        lastCaptureNanos = -1;
        LOG.info(() -> "opened " + source.describe());
        Frame f;
        while (!stopping && (f = source.grab()) != null) {
          if (status != Status.RUNNING) {
            status = Status.RUNNING;
            lastError = "";
            backoff.reset();
            if (lostAtNanos >= 0) {
              double gap = (f.captureNanos() - lostAtNanos) / 1e9;
              LOG.info(String.format("%s is back after a %.1f s gap", source.describe(), gap));
              bus.publish(Event.of("camera_back", Instant.now(), "camera", camera, "gap_s", round1(gap)));
              lostAtNanos = -1;
            }
          }
          if (lastCaptureNanos >= 0) {
            maxGapNanos = Math.max(maxGapNanos, f.captureNanos() - lastCaptureNanos);
          }
          lastCaptureNanos = f.captureNanos();
          captured.incrementAndGet();
          queue.offer(f);
        }
        if (!stopping) {
          status = Status.ENDED;
          LOG.info(() -> source.describe() + " reached its end");
          return;
        }
      } catch (InterruptedIOException e) {
        break;
      } catch (IOException | RuntimeException e) {
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        if (status != Status.LOST) {
          lostAtNanos = ticker.nanos();
          status = Status.LOST;
          LOG.log(Level.WARNING, "camera " + camera + " lost: " + lastError);
          bus.publish(Event.of("camera_lost", Instant.now(), "camera", camera, "reason", lastError));
        } else {
          LOG.fine(() -> "camera " + camera + " still unavailable: " + lastError);
        }
      } finally {
        source.close();
      }
      if (!stopping && !pause(backoff.nextDelayNanos())) {
        break;
      }
      reconnects.incrementAndGet();
    }
    status = Status.STOPPED;
  }

  private static boolean pause(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  public String camera() {
    return camera;
  }

  public Status status() {
    return status;
  }

  public long captured() {
    return captured.get();
  }

  public long dropped() {
    return queue.dropped();
  }

  /** Longest time between two consecutive frames while the camera was up (outages excluded). */
  public long maxGapNanos() {
    return maxGapNanos;
  }

  public long reconnects() {
    return reconnects.get();
  }

  public String lastError() {
    return lastError;
  }
}
