package cairn.app;

import cairn.capture.CameraCapture;
import cairn.capture.Frame;
import cairn.capture.FrameQueue;
import cairn.encode.H264Encoder;
import cairn.time.Ticker;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One camera's encoder thread: takes frames from the capture queue into the pipeline. If the
 * pipeline fails (an encoder error, a full disk) it is logged, the open segment is given up, and a
 * fresh pipeline starts after a pause; capture goes on meanwhile, so a camera never stops for good
 * and never takes another down.
 */
final class CameraRunner {
  private static final Logger LOG = Logger.getLogger(CameraRunner.class.getName());
  private static final long RESTART_PAUSE_MS = 2000;

  private final String camera;
  private final CameraCapture capture;
  private final FrameQueue queue;
  private final Supplier<CameraPipeline> pipelines;
  private final Ticker ticker;
  private final Thread thread;
  private volatile CameraPipeline pipeline;
  private volatile Frame latest;
  private final java.util.concurrent.atomic.AtomicBoolean restart = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean stopping;
  private volatile String lastError = "";

  CameraRunner(String camera, CameraCapture capture, FrameQueue queue, Supplier<CameraPipeline> pipelines,
      Ticker ticker) {
    this.camera = camera;
    this.capture = capture;
    this.queue = queue;
    this.pipelines = pipelines;
    this.ticker = ticker;
    this.thread = new Thread(this::run, "encode-" + camera);
  }

  void start() {
    thread.start();
    capture.start();
  }

  /** Stops capture, encodes what is queued, closes the last segment. Blocks until done. */
  void stop() throws InterruptedException {
    capture.stop();
    stopping = true;
    thread.join(15_000);
  }

  private void run() {
    while (true) {
      CameraPipeline p = pipelines.get();
      pipeline = p;
      boolean again = false;
      try {
        pump(p);
        p.finish(ticker.nanos(), System.currentTimeMillis());
        again = restart.getAndSet(false) && !stopping;
        if (!again) {
          return;
        }
      } catch (IOException | RuntimeException e) {
        lastError = String.valueOf(e.getMessage());
        LOG.log(Level.SEVERE, "camera " + camera + ": pipeline failed, restarting in " + RESTART_PAUSE_MS + " ms", e);
      } finally {
        p.close();
        H264Encoder.returnFreedMemory();
      }
      if (again) {
        LOG.info("camera " + camera + ": pipeline restarted");
        continue;
      }
      try {
        Thread.sleep(RESTART_PAUSE_MS);
      } catch (InterruptedException e) {
        return;
      }
      if (stopping) {
        return;
      }
    }
  }

  private void pump(CameraPipeline p) throws IOException {
    while (!restart.get()) {
      Frame f;
      try {
        f = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (f != null) {
        latest = f;
        p.process(f);
      } else if (stopping || capture.status() == CameraCapture.Status.ENDED) {
        return;
      } else {
        p.tick(ticker.nanos(), System.currentTimeMillis());
      }
    }
  }

  /**
   * Ends the current pipeline as a clean stop would (its last segment is kept) and starts a fresh
   * one, which reads the config anew. Any thread; returns at once.
   */
  void restartPipeline() {
    restart.set(true);
  }

  /** The newest frame taken from the capture queue; its pixels are not changed by anyone once taken. */
  Frame latestFrame() {
    return latest;
  }

  CameraCapture capture() {
    return capture;
  }

  CameraPipeline pipeline() {
    return pipeline;
  }

  String lastError() {
    return lastError;
  }

  boolean ended() {
    return !thread.isAlive();
  }
}
