package cairn.app;

import cairn.encode.EncodedPacket;
import cairn.encode.EncoderProfile;
import cairn.encode.EncoderSettings;
import cairn.encode.H264Encoder;
import cairn.segment.Segmenter;
import java.io.IOException;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The encoder and segmenter of one camera on a thread of their own, so that analysing the next
 * frame overlaps encoding this one (ffmpeg's command line overlaps its stages the same way).
 *
 * <p>Contract: {@link #submit} calls come from one thread, in capture order, and block while two
 * frames wait; an error on the encoder thread is thrown by the next call, after which the stage
 * is dead. {@link #finish} returns once every frame is in a segment.
 */
final class EncoderStage implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EncoderStage.class.getName());

  /** One kept, filtered picture with what the encoder needs to know about it. */
  record Picture(byte[] i420, int width, int height, long pts, long mono, long wall, boolean key,
      boolean motion, EncoderProfile profile, EncoderSettings settings, boolean reopen) {}

  private sealed interface Work permits Encode, Tick, Finish, Cap {}

  private record Encode(Picture picture) implements Work {}

  /** A frame that was not kept, or no frame at all: a still segment may be due. */
  private record Tick(long mono, long wall, boolean motion, boolean stalled) implements Work {}

  private record Finish(long mono, long wall) implements Work {}

  private record Cap(int kbps, java.util.concurrent.CompletableFuture<Boolean> applied) implements Work {}

  private record Capture(long mono, long wall) {}

  private static final Work STOP = new Tick(0, 0, false, false);

  private final String camera;
  private final Segmenter segmenter;
  private final double nominalFps;
  private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(2);
  private final TreeMap<Long, Capture> inEncoder = new TreeMap<>();
  private final Thread thread;
  private final AtomicLong keyFrames = new AtomicLong();
  private final java.util.concurrent.CompletableFuture<Void> finished = new java.util.concurrent.CompletableFuture<>();
  private volatile IOException failure;
  private H264Encoder encoder;
  private boolean cutBeforeNext;
  private long lastDts = Long.MIN_VALUE;
  private boolean motion;

  EncoderStage(String camera, Segmenter segmenter, double nominalFps) {
    this.camera = camera;
    this.segmenter = segmenter;
    this.nominalFps = nominalFps;
    this.thread = new Thread(this::run, "h264-" + camera);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  void submit(Picture p) throws IOException {
    put(new Encode(p));
  }

  void tick(long mono, long wall, boolean motion, boolean stalled) throws IOException {
    put(new Tick(mono, wall, motion, stalled));
  }

  /** Changes the live encoder's cap; false if it must be reopened for that (or none is open). */
  boolean setCap(int kbps) throws IOException {
    var applied = new java.util.concurrent.CompletableFuture<Boolean>();
    put(new Cap(kbps, applied));
    return await(applied);
  }

  void finish(long mono, long wall) throws IOException {
    put(new Finish(mono, wall));
    await(finished);
  }

  long keyFrames() {
    return keyFrames.get();
  }

  private void put(Work w) throws IOException {
    rethrow();
    try {
      while (!queue.offer(w, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        rethrow();
        if (!thread.isAlive()) {
          throw new IOException("encoder of " + camera + " has stopped");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted handing a frame to the encoder");
    }
  }

  private <T> T await(java.util.concurrent.CompletableFuture<T> f) throws IOException {
    try {
      while (true) {
        try {
          return f.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          rethrow();
          if (!thread.isAlive()) {
            throw new IOException("encoder of " + camera + " has stopped");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted waiting for the encoder");
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    }
  }

  private void rethrow() throws IOException {
    if (failure != null) {
      throw new IOException("encoder of " + camera + " failed: " + failure.getMessage(), failure);
    }
  }

  private void run() {
    try {
      while (true) {
        Work w = queue.take();
        if (w == STOP) {
          return;
        }
        if (w instanceof Encode e) {
          encode(e.picture());
        } else if (w instanceof Tick t) {
          tick(t);
        } else if (w instanceof Cap c) {
          c.applied().complete(encoder != null && encoder.setCap(c.kbps()));
        } else if (w instanceof Finish f) {
          drainEncoder();
          segmenter.cut(f.mono(), f.wall());
          finished.complete(null);
          return;
        }
      }
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (encoder != null) {
        encoder.close();
        encoder = null;
      }
    }
  }

  private void encode(Picture p) throws IOException {
    motion = p.motion();
    if (encoder == null || p.reopen() || encoder.profile() != p.profile() || !encoder.accepts(p.width(), p.height())) {
      drainEncoder();
      encoder = H264Encoder.open(p.settings(), p.profile(), p.width(), p.height(), nominalFps);
      LOG.fine(() -> camera + ": encoder " + encoder.describe());
    }
    if (p.key()) {
      cutBeforeNext = true;
    }
    inEncoder.put(p.pts(), new Capture(p.mono(), p.wall()));
    for (EncodedPacket packet : encoder.encode(p.i420(), p.pts(), p.key())) {
      emit(packet);
    }
  }

  private void tick(Tick t) throws IOException {
    motion = t.motion();
    if (t.stalled() && !inEncoder.isEmpty()) {
      drainEncoder();
    }
    if (inEncoder.isEmpty() && segmenter.due(t.mono(), motion)) {
      segmenter.cut(t.mono(), t.wall());
    }
  }

  private void emit(EncodedPacket p) throws IOException {
    Capture c = inEncoder.remove(p.pts90k());
    if (c == null) {
      throw new IOException("encoder returned a packet for a picture it was not given (pts " + p.pts90k() + ")");
    }
    if (segmenter.isCutPoint(p) && (cutBeforeNext && p.key() || segmenter.due(c.mono(), motion))) {
      // The next segment starts with the earliest picture not yet given out.
      Capture start = inEncoder.isEmpty() || inEncoder.firstEntry().getValue().mono() > c.mono() ? c
          : inEncoder.firstEntry().getValue();
      segmenter.cut(start.mono(), start.wall());
    }
    if (p.key()) {
      cutBeforeNext = false;
      keyFrames.incrementAndGet();
    }
    segmenter.add(monotonicDts(p), c.mono(), c.wall(), encoder.width(), encoder.height(), encoder.codecName());
  }

  /** Gives out every picture the encoder still holds and closes it. */
  private void drainEncoder() throws IOException {
    if (encoder == null) {
      return;
    }
    for (EncodedPacket p : encoder.flush()) {
      emit(p);
    }
    encoder.close();
    encoder = null;
    inEncoder.clear();
  }

  /**
   * A freshly opened encoder with B-frames starts its decode times a few frames before the first
   * picture, which can fall behind the previous encoder's last one. Decode times only pace the
   * decoder, so they are moved up to stay increasing; never past the presentation time.
   */
  private EncodedPacket monotonicDts(EncodedPacket p) {
    long dts = Math.min(p.pts90k(), Math.max(p.dts90k(), lastDts + 1));
    lastDts = dts;
    return dts == p.dts90k() ? p : new EncodedPacket(p.data(), p.pts90k(), dts, p.key());
  }

  @Override
  public void close() {
    if (thread.isAlive()) {
      queue.clear();
      queue.offer(STOP);
      try {
        thread.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
