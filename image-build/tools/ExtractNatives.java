import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Run once at image build, inside the arm64 root, with {@code -Dorg.bytedeco.javacpp.cachedir=DIR}:
 * JavaCPP unpacks every FFmpeg library Cairn loads into DIR, so the device, whose root is read-only,
 * finds them there and extracts nothing. Fails (exit 1) when a library cannot be loaded, which
 * also catches a system library missing from the image.
 */
public final class ExtractNatives {
  private ExtractNatives() {}

  public static void main(String[] args) throws Exception {
    FFmpegFrameGrabber.tryLoad();
    Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
    Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
    Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
    Loader.load(org.bytedeco.ffmpeg.global.avdevice.class);
    Loader.load(org.bytedeco.ffmpeg.global.avfilter.class);
    Loader.load(org.bytedeco.ffmpeg.global.swscale.class);
    Loader.load(org.bytedeco.ffmpeg.global.swresample.class);
    System.out.println("natives unpacked in " + Loader.getCacheDir());
  }
}
