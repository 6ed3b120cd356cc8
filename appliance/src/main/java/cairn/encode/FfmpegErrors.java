package cairn.encode;

import java.io.IOException;
import org.bytedeco.ffmpeg.global.avutil;

/** FFmpeg's negative return codes as exceptions with FFmpeg's own words. */
public final class FfmpegErrors {
  /** AVERROR(EAGAIN) on Linux: the encoder wants more input before it has output. */
  public static final int EAGAIN = -11;

  private FfmpegErrors() {}

  public static int check(int ret, String what) throws IOException {
    if (ret < 0) {
      throw new IOException(what + " failed: " + describe(ret));
    }
    return ret;
  }

  public static String describe(int ret) {
    byte[] buf = new byte[256];
    avutil.av_strerror(ret, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + ret + ")";
  }
}
