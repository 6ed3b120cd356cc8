package cairn.encode;

import static cairn.encode.FfmpegErrors.check;
import static org.bytedeco.ffmpeg.global.avcodec.*;
import static org.bytedeco.ffmpeg.global.avutil.*;
import static org.bytedeco.ffmpeg.global.swscale.*;

import cairn.capture.Frame;
import java.io.IOException;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;

/**
 * A still picture of one frame, as a JPEG no larger than asked: FFmpeg's mjpeg encoder at falling
 * quality (qscale 3, 5, 8, 12, 18, 31), then at half the size, until it fits. Full-range YUV, so it
 * looks the same in a browser as in the video. Stateless; each call opens and frees its own encoder
 * (a few milliseconds at 720p), so any thread may call it.
 */
public final class JpegEncoder {
  private static final int[] QSCALES = {3, 5, 8, 12, 18, 31};
  private static final int SMALLEST_SIDE = 64;

  /** The picture: JPEG bytes, its size, and the qscale it was made with (2 best, 31 worst). */
  public record Jpeg(byte[] bytes, int width, int height, int qscale) {}

  static {
    av_log_set_level(AV_LOG_ERROR);
  }

  private JpegEncoder() {}

  /** @throws IOException when no size or quality fits {@code maxBytes}, or FFmpeg fails */
  public static Jpeg encode(Frame frame, int maxBytes) throws IOException {
    int w = frame.width();
    int h = frame.height();
    while (true) {
      for (int q : QSCALES) {
        byte[] jpeg = encodeOnce(frame, w, h, q);
        if (jpeg.length <= maxBytes) {
          return new Jpeg(jpeg, w, h, q);
        }
      }
      if (w / 2 < SMALLEST_SIDE || h / 2 < SMALLEST_SIDE) {
        throw new IOException("no JPEG of this picture fits in " + maxBytes + " bytes");
      }
      w = (w / 2) & ~1;
      h = (h / 2) & ~1;
    }
  }

  private static byte[] encodeOnce(Frame f, int w, int h, int qscale) throws IOException {
    AVCodec codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (codec == null) {
      throw new IOException("this FFmpeg has no mjpeg encoder");
    }
    AVCodecContext ctx = avcodec_alloc_context3(codec);
    AVFrame src = av_frame_alloc();
    AVFrame dst = av_frame_alloc();
    AVPacket packet = av_packet_alloc();
    SwsContext sws = null;
    try {
      ctx.width(w);
      ctx.height(h);
      ctx.pix_fmt(AV_PIX_FMT_YUVJ420P);
      ctx.time_base(av_make_q(1, 25));
      ctx.flags(ctx.flags() | AV_CODEC_FLAG_QSCALE);
      ctx.global_quality(FF_QP2LAMBDA * qscale);
      check(avcodec_open2(ctx, codec, (org.bytedeco.ffmpeg.avutil.AVDictionary) null), "opening mjpeg");
      frame(src, AV_PIX_FMT_YUV420P, f.width(), f.height());
      frame(dst, AV_PIX_FMT_YUVJ420P, w, h);
      I420Planes.copyInto(src, f.i420(), f.width(), f.height());
      // Scales and stretches limited-range video levels (16-235) to JPEG's full range.
      sws = sws_getContext(f.width(), f.height(), AV_PIX_FMT_YUV420P, w, h, AV_PIX_FMT_YUVJ420P, SWS_AREA,
          null, null, (DoublePointer) null);
      if (sws == null) {
        throw new IOException("cannot scale " + f.width() + "x" + f.height() + " to " + w + "x" + h);
      }
      sws_scale(sws, src.data(), src.linesize(), 0, f.height(), dst.data(), dst.linesize());
      dst.quality(FF_QP2LAMBDA * qscale);
      dst.pts(0);
      check(avcodec_send_frame(ctx, dst), "encoding a JPEG");
      check(avcodec_send_frame(ctx, null), "finishing a JPEG");
      check(avcodec_receive_packet(ctx, packet), "receiving a JPEG");
      byte[] out = new byte[packet.size()];
      packet.data().get(out);
      return out;
    } finally {
      if (sws != null) {
        sws_freeContext(sws);
      }
      av_packet_free(packet);
      av_frame_free(src);
      av_frame_free(dst);
      avcodec_free_context(ctx);
    }
  }

  private static void frame(AVFrame f, int format, int w, int h) throws IOException {
    f.format(format);
    f.width(w);
    f.height(h);
    check(av_frame_get_buffer(f, 32), "allocating a frame");
  }

}
