package cairn.app;

import cairn.capture.CameraCapture;
import cairn.capture.Frame;
import cairn.capture.FrameQueue;
import cairn.encode.H264Encoder;
import cairn.supervise.CheckIn;
import cairn.supervise.Stage;
import cairn.time.Ticker;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One camera's encoder stage: takes frames from the capture queue into the pipeline. If the
 * pipeline fails (an encoder error, a full disk) the open segment is given up and the stage throws;
 * its supervisor starts a fresh pipeline after a back-off while capture goes on, so a camera never
 * stops for good and never takes another down. Each frame encoded, and each empty poll, is a check-in:
 * frames queued and none encoded past the deadline is a stuck encoder.
 */
final class CameraRunner implements Stage {
  private static final Logger LOG = Logger.getLogger(CameraRunner.class.getName());

  private final String camera;
  private final CameraCapture capture;
  private final FrameQueue queue;
  private final Supplier<CameraPipeline> pipelines;
  private final Ticker ticker;
  private final EncoderFaults faults;
  private volatile CameraPipeline pipeline;
  private volatile Frame latest;
  private final AtomicBoolean restart = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile String lastError = "";

  CameraRunner(String camera, CameraCapture capture, FrameQueue queue, Supplier<CameraPipeline> pipelines,
      Ticker ticker, EncoderFaults faults) {
    this.camera = camera;
    this.capture = capture;
    this.queue = queue;
    this.pipelines = pipelines;
    this.ticker = ticker;
    this.faults = faults;
  }

  /** Encodes what is queued, closes the last segment, then the attempt returns; call after capture stopped. */
  @Override
  public void stop(Thread attempt) {
    stopping = true;
  }

  @Override
  public void run(CheckIn checkIn) throws IOException {
    while (true) {
      CameraPipeline p = pipelines.get();
      pipeline = p;
      try {
        pump(p, checkIn);
        p.finish(ticker.nanos(), System.currentTimeMillis());
      } catch (IOException | RuntimeException | Error e) {
        lastError = String.valueOf(e.getMessage());
        throw e;
      } finally {
        p.close();
        H264Encoder.returnFreedMemory();
      }
      if (!restart.getAndSet(false) || stopping) {
        return;
      }
      LOG.info("camera " + camera + ": pipeline restarted");
    }
  }

  private void pump(CameraPipeline p, CheckIn checkIn) throws IOException {
    while (!restart.get()) {
      checkIn.progress();
      faults.strikeIfDue();
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

  String camera() {
    return camera;
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
}
