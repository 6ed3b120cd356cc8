package cairn.encode;

import static cairn.encode.FfmpegErrors.check;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * H.264 through FFmpeg's encoder API: libx264, or the Pi 3/4 hardware encoder (h264_v4l2m2m) where
 * it opens, with libx264 as the fallback.
 *
 * <p>libx264 always aims at a quality (CRF) under a VBV cap, in one of two {@link EncoderProfile}s;
 * with {@code EFFICIENT} packets come out some frames after their pictures went in. Its cap changes
 * live ({@link #setCap}); the hardware encoder reads its rate only when opened, so the caller
 * reopens it at a segment boundary. One thread only; not thread-safe.
 */
public final class H264Encoder implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(H264Encoder.class.getName());
  static final int TIME_BASE = 90_000;
  /** Where a Pi 3/4 exposes its hardware H.264 encoder. */
  static final Path PI_ENCODER_DEVICE = Path.of("/dev/video11");

  private final EncoderSettings settings;
  private final EncoderProfile profile;
  private final String codecName;
  private final int inWidth;
  private final int inHeight;
  private final int outWidth;
  private final int outHeight;
  private AVCodecContext ctx;
  private AVFrame frame;
  private AVFrame source;
  private SwsContext scaler;
  private final AVPacket packet = av_packet_alloc();

  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  /**
   * Loads FFmpeg's native libraries now. The first load takes most of a second; done before capture
   * starts, it costs no frames.
   */
  public static void preload() {
    org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
    org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
    org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
  }

  /**
   * Hands memory that encoders freed back to the system (malloc_trim). glibc keeps freed blocks in
   * per-thread arenas, and every pipeline brings new encoder threads: without this, each restart left
   * megabytes resident. Call after an encoder closed; any thread.
   */
  public static void returnFreedMemory() {
    Pointer.trimMemory();
  }

  private H264Encoder(EncoderSettings s, EncoderProfile profile, String codecName, int inWidth, int inHeight) {
    this.settings = s;
    this.profile = profile;
    this.codecName = codecName;
    this.inWidth = inWidth;
    this.inHeight = inHeight;
    this.outWidth = s.width() > 0 ? s.width() : inWidth;
    this.outHeight = s.height() > 0 ? s.height() : inHeight;
  }

  /** Opens the configured encoder for pictures of the given size, falling back to libx264. */
  public static H264Encoder open(EncoderSettings s, EncoderProfile profile, int inWidth, int inHeight,
      double nominalFps) throws IOException {
    String wanted = switch (s.codec()) {
      case "auto" -> Files.exists(PI_ENCODER_DEVICE) ? "h264_v4l2m2m" : "libx264";
      default -> s.codec();
    };
    if (!wanted.equals("libx264")) {
      H264Encoder hw = new H264Encoder(s, profile, wanted, inWidth, inHeight);
      try {
        hw.openCodec(nominalFps);
        return hw;
      } catch (IOException e) {
        hw.close();
        LOG.warning(wanted + " did not open (" + e.getMessage() + "); using libx264");
      }
    }
    H264Encoder sw = new H264Encoder(s, profile, "libx264", inWidth, inHeight);
    try {
      sw.openCodec(nominalFps);
    } catch (IOException e) {
      sw.close();
      throw e;
    }
    return sw;
  }

  private void openCodec(double fps) throws IOException {
    AVCodec codec = avcodec_find_encoder_by_name(codecName);
    if (codec == null) {
      throw new IOException("this FFmpeg has no " + codecName);
    }
    ctx = avcodec_alloc_context3(codec);
    ctx.width(outWidth);
    ctx.height(outHeight);
    ctx.pix_fmt(AV_PIX_FMT_YUV420P);
    ctx.time_base(av_make_q(1, TIME_BASE));
    ctx.framerate(av_make_q((int) Math.round(Math.max(1, fps) * 1000), 1000));
    ctx.max_b_frames(0);
    ctx.thread_count(0);
    long cap = settings.maxKbps() * 1000L;
    if (codecName.equals("libx264")) {
      // Key frames are Cairn's decision (scene change, max interval), never a frame count's.
      ctx.gop_size(1 << 20);
      ctx.rc_max_rate(cap);
      ctx.rc_buffer_size((int) (cap * settings.bufferS()));
      ctx.max_b_frames(-1);
      av_opt_set(ctx.priv_data(), "preset", settings.preset(), 0);
      // Quality first: the cap only holds a busy scene down, a still one costs what CRF makes it.
      av_opt_set(ctx.priv_data(), "crf", Integer.toString(settings.crfFor(outWidth, outHeight)), 0);
      av_opt_set(ctx.priv_data(), "forced-idr", "1", 0);
      if (profile == EncoderProfile.LIVE) {
        av_opt_set(ctx.priv_data(), "tune", "zerolatency", 0);
      }
      // EFFICIENT keeps x264's frame threads: a few frames more delay only delay the spool, and slice threads
      // cost about 2 % more bytes at equal quality (codec-bench, traffic clip).
      av_opt_set(ctx.priv_data(), "x264-params", "scenecut=0", 0);
    } else {
      ctx.gop_size((int) Math.max(1, Math.round(fps * 60)));
      ctx.bit_rate(cap);
    }
    check(avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "opening " + codecName);
    frame = allocFrame(outWidth, outHeight);
    if (outWidth != inWidth || outHeight != inHeight) {
      source = allocFrame(inWidth, inHeight);
      scaler = sws_getContext(inWidth, inHeight, AV_PIX_FMT_YUV420P, outWidth, outHeight, AV_PIX_FMT_YUV420P,
          SWS_BILINEAR, null, null, (DoublePointer) null);
      if (scaler == null) {
        throw new IOException("cannot scale " + inWidth + "x" + inHeight + " to " + outWidth + "x" + outHeight);
      }
    }
    LOG.fine(() -> "opened " + describe());
  }

  private static AVFrame allocFrame(int w, int h) throws IOException {
    AVFrame f = av_frame_alloc();
    f.format(AV_PIX_FMT_YUV420P);
    f.width(w);
    f.height(h);
    check(av_frame_get_buffer(f, 32), "allocating a frame");
    return f;
  }

  /** Encodes one picture (I420 at the input size) and returns what the encoder has ready. */
  public List<EncodedPacket> encode(byte[] i420, long pts90k, boolean forceKey) throws IOException {
    AVFrame target = scaler == null ? frame : source;
    check(av_frame_make_writable(target), "making a frame writable");
    I420Planes.copyInto(target, i420, inWidth, inHeight);
    check(av_frame_make_writable(frame), "making a frame writable");
    if (scaler != null) {
      sws_scale(scaler, source.data(), source.linesize(), 0, inHeight, frame.data(), frame.linesize());
    }
    frame.pts(pts90k);
    frame.pict_type(forceKey ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
    check(avcodec_send_frame(ctx, frame), "encoding a frame");
    return drain();
  }

  /** Ends the stream and returns the packets still inside the encoder; the encoder is done after. */
  public List<EncodedPacket> flush() throws IOException {
    check(avcodec_send_frame(ctx, null), "flushing the encoder");
    return drain();
  }

  /** Changes the rate cap; returns false when this encoder must be reopened to apply it. */
  public boolean setCap(int kbps) {
    if (!codecName.equals("libx264")) {
      return false;
    }
    // libavcodec's libx264 wrapper compares these with x264's parameters on every frame.
    ctx.rc_max_rate(kbps * 1000L);
    ctx.rc_buffer_size((int) (kbps * 1000L * settings.bufferS()));
    return true;
  }

  private List<EncodedPacket> drain() throws IOException {
    List<EncodedPacket> out = new ArrayList<>(1);
    while (true) {
      int ret = avcodec_receive_packet(ctx, packet);
      if (ret == FfmpegErrors.EAGAIN || ret == AVERROR_EOF) {
        return out;
      }
      check(ret, "receiving a packet");
      byte[] data = new byte[packet.size()];
      packet.data().get(data);
      out.add(new EncodedPacket(data, packet.pts(), packet.dts(), (packet.flags() & AV_PKT_FLAG_KEY) != 0));
      av_packet_unref(packet);
    }
  }


  /** Whether pictures of this size can be fed without reopening. */
  public boolean accepts(int w, int h) {
    return w == inWidth && h == inHeight;
  }

  public String codecName() {
    return codecName;
  }

  public EncoderProfile profile() {
    return profile;
  }

  public EncoderSettings settings() {
    return settings;
  }

  public int width() {
    return outWidth;
  }

  public int height() {
    return outHeight;
  }

  public String describe() {
    return codecName + " " + profile.name().toLowerCase(java.util.Locale.ROOT) + " " + outWidth + "x" + outHeight
        + " crf " + settings.crfFor(outWidth, outHeight) + " cap " + settings.maxKbps() + " kbit/s";
  }

  @Override
  public void close() {
    if (ctx != null) {
      avcodec_free_context(ctx);
      ctx = null;
    }
    if (frame != null) {
      av_frame_free(frame);
      frame = null;
    }
    if (source != null) {
      av_frame_free(source);
      source = null;
    }
    if (scaler != null) {
      sws_freeContext(scaler);
      scaler = null;
    }
    av_packet_free(packet);
  }
}
