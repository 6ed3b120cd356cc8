package cairn.capture;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.supervise.CheckIn;
import cairn.supervise.Stage;
import cairn.time.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One camera's grab stage: opens the source and grabs until it fails, then throws, and its
 * {@link cairn.supervise.Supervisor} opens it again after a capped, jittered pause;
 * {@code camera_lost} and {@code camera_back} (with the gap) go on the bus. It ends by itself only
 * at the end of a file that does not loop, and never waits for the encoder: frames go into a
 * {@link FrameQueue} that drops the oldest. Each frame is a check-in.
 */
public final class CameraCapture implements Stage {
  private static final Logger LOG = Logger.getLogger(CameraCapture.class.getName());

  public enum Status { STARTING, RUNNING, LOST, ENDED, STOPPED }

  private final String camera;
  private final Supplier<FrameSource> sources;
  private final FrameQueue queue;
  private final EventBus bus;
  private final Ticker ticker;
  private final AtomicLong captured = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private volatile long maxGapNanos;
  private long lastCaptureNanos = -1;
  private long lostAtNanos = -1;
  private volatile Status status = Status.STARTING;
  private volatile String lastError = "";
  private volatile boolean stopping;

  public CameraCapture(String camera, Supplier<FrameSource> sources, FrameQueue queue, EventBus bus, Ticker ticker) {
    this.camera = camera;
    this.sources = sources;
    this.queue = queue;
    this.bus = bus;
    this.ticker = ticker;
  }

  @Override
  public void stop(Thread attempt) {
    stopping = true;
    attempt.interrupt();
  }

  /** One attempt: open, grab until the source fails (throws), ends (returns) or a stop is asked for. */
  @Override
  public void run(CheckIn checkIn) throws IOException {
    attempts.incrementAndGet();
    FrameSource source = sources.get();
    try {
      source.open();
      lastCaptureNanos = -1;
      LOG.info(() -> "opened " + source.describe());
      Frame f;
      while (!stopping && (f = source.grab()) != null) {
        checkIn.progress();
        if (status != Status.RUNNING) {
          back(source, f);
        }
        if (lastCaptureNanos >= 0) {
          maxGapNanos = Math.max(maxGapNanos, f.captureNanos() - lastCaptureNanos);
        }
        lastCaptureNanos = f.captureNanos();
        captured.incrementAndGet();
        queue.offer(f);
      }
      if (stopping) {
        status = Status.STOPPED;
      } else {
        status = Status.ENDED;
        LOG.info(() -> source.describe() + " reached its end");
      }
    } catch (InterruptedIOException e) {
      status = Status.STOPPED;
    } catch (IOException | RuntimeException | Error e) {
      lost(e);
      throw e;
    } finally {
      source.close();
    }
  }

  private void back(FrameSource source, Frame f) {
    status = Status.RUNNING;
    lastError = "";
    if (lostAtNanos >= 0) {
      double gap = (f.captureNanos() - lostAtNanos) / 1e9;
      LOG.info(String.format("%s is back after a %.1f s gap", source.describe(), gap));
      bus.publish(Event.of("camera_back", Instant.now(), "camera", camera, "gap_s", round1(gap)));
      lostAtNanos = -1;
    }
  }

  /** The supervisor logs the failure; the bus hears of the first one only. */
  private void lost(Throwable e) {
    lastError = e.getMessage() == null ? e.toString() : e.getMessage();
    if (status != Status.LOST) {
      lostAtNanos = ticker.nanos();
      status = Status.LOST;
      bus.publish(Event.of("camera_lost", Instant.now(), "camera", camera, "reason", lastError));
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
    return Math.max(0, attempts.get() - 1);
  }

  public String lastError() {
    return lastError;
  }
}
