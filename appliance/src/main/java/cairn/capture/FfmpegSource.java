package cairn.capture;

import cairn.config.CameraConfig;
import cairn.config.Redact;
import cairn.time.Ticker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A camera read through FFmpeg: a video file (paced to its own frame rate, optionally looped), an
 * RTSP camera (over TCP, bounded by a socket timeout) or a USB camera (V4L2).
 *
 * <p>Frames are converted to I420 by FFmpeg and re-timed with Cairn's own capture clock: camera
 * timestamps are often non-monotonic.
 */
public final class FfmpegSource implements FrameSource {
  private final CameraConfig config;
  private final Ticker ticker;
  private final Pacer pacer;
  private FFmpegFrameGrabber grabber;
  private long index;
  private long loopOffsetMicros;
  private long lastMediaMicros;

  public FfmpegSource(CameraConfig config, Ticker ticker) {
    this.config = config;
    this.ticker = ticker;
    this.pacer = new Pacer(ticker);
  }

  static {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  @Override
  public void open() throws IOException {
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(config.location());
    g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    switch (config.kind()) {
      case RTSP -> {
        g.setOption("rtsp_transport", "tcp");
        // FFmpeg buffers what it reads while probing the stream and hands it over in one burst;
        // a camera's SDP already says what the stream is, so probe briefly.
        g.setOption("analyzeduration", "500000");
        g.setOption("probesize", "500000");
        // The only option that bounds both connect and read on a camera that stops answering.
        g.setOption("timeout", Long.toString((long) (config.timeoutS() * 1_000_000)));
      }
      case USB -> {
        g.setFormat("video4linux2");
        if (config.width() > 0 && config.height() > 0) {
          g.setImageWidth(config.width());
          g.setImageHeight(config.height());
        }
        if (config.fps() > 0) {
          g.setFrameRate(config.fps());
        }
        if (!config.pixelFormat().isEmpty()) {
          g.setOption("input_format", config.pixelFormat());
        }
      }
      default -> { }
    }
    try {
      g.start();
      int w = g.getImageWidth();
      int h = g.getImageHeight();
      if ((w & 1) != 0 || (h & 1) != 0) {
        // I420 and H.264 want even sizes: let FFmpeg's scaler drop the odd line.
        g.stop();
        g.setImageWidth(w & ~1);
        g.setImageHeight(h & ~1);
        g.start();
      }
    } catch (FrameGrabber.Exception e) {
      closeQuietly(g);
      throw new IOException("cannot open " + describe() + ": " + e.getMessage(), e);
    }
    grabber = g;
    pacer.reset();
  }

  @Override
  public Frame grab() throws IOException {
    try {
      org.bytedeco.javacv.Frame f = grabber.grabImage();
      if (f == null && config.kind() == CameraConfig.Kind.FILE && config.loop()) {
        loopOffsetMicros += lastMediaMicros + (long) (1_000_000 / Math.max(1, grabber.getFrameRate()));
        grabber.setTimestamp(0);
        f = grabber.grabImage();
      }
      if (f == null) {
        if (config.kind() == CameraConfig.Kind.FILE) {
          return null;
        }
        throw new IOException(describe() + " ended the stream");
      }
      long captureNanos;
      if (config.kind() == CameraConfig.Kind.FILE) {
        lastMediaMicros = Math.max(0, f.timestamp);
        captureNanos = pacer.await((loopOffsetMicros + lastMediaMicros) * 1000);
      } else {
        captureNanos = ticker.nanos();
      }
      return new Frame(config.name(), index++, f.imageWidth, f.imageHeight, toI420(f), captureNanos,
          System.currentTimeMillis());
    } catch (InterruptedIOException e) {
      throw e;
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new IOException(describe() + ": " + e.getMessage(), e);
    }
  }

  static byte[] toI420(org.bytedeco.javacv.Frame f) {
    int w = f.imageWidth;
    int h = f.imageHeight;
    int stride = f.imageStride;
    ByteBuffer buf = ((ByteBuffer) f.image[0]).duplicate();
    buf.clear();
    byte[] out = new byte[Frame.i420Size(w, h)];
    if (stride == w) {
      buf.get(out, 0, out.length);
      return out;
    }
    // Padded rows: copy each plane's visible part (chroma planes follow with half the stride).
    int o = 0;
    int planeStart = 0;
    int[][] planes = {{w, h, stride}, {w / 2, h / 2, stride / 2}, {w / 2, h / 2, stride / 2}};
    for (int[] p : planes) {
      for (int y = 0; y < p[1]; y++) {
        buf.position(planeStart + y * p[2]);
        buf.get(out, o, p[0]);
        o += p[0];
      }
      planeStart += p[1] * p[2];
    }
    return out;
  }

  @Override
  public String describe() {
    return switch (config.kind()) {
      case RTSP -> "rtsp camera " + config.name() + " (" + Redact.url(config.location()) + ")";
      case USB -> "usb camera " + config.name() + " (" + config.location() + ")";
      default -> "file camera " + config.name() + " (" + config.location() + ")";
    };
  }

  @Override
  public void close() {
    if (grabber != null) {
      closeQuietly(grabber);
      grabber = null;
    }
  }

  private static void closeQuietly(FFmpegFrameGrabber g) {
    try {
      g.stop();
      g.release();
    } catch (FrameGrabber.Exception | RuntimeException ignored) {
      // Closing a camera that already failed: nothing more to learn.
    }
  }
}
