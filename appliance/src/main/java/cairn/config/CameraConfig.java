package cairn.config;

import static cairn.config.ConfigSchema.*;

/** One camera's settings. {@code source} is already validated to one of the accepted forms. */
public record CameraConfig(
    String name,
    String source,
    int width,
    int height,
    double fps,
    String pattern,
    boolean loop,
    String pixelFormat,
    double timeoutS,
    double retryMaxS,
    int queueFrames,
    Ladder ladder,
    double weight) {

  public enum Kind { TESTSRC, FILE, RTSP, USB }

  public Kind kind() {
    if (source.equals("testsrc")) {
      return Kind.TESTSRC;
    }
    if (source.startsWith("file:")) {
      return Kind.FILE;
    }
    if (source.startsWith("rtsp")) {
      return Kind.RTSP;
    }
    return Kind.USB;
  }

  /** The file path, URL or device, without the {@code file:} prefix. */
  public String location() {
    return kind() == Kind.FILE ? source.substring(5) : source;
  }

  static CameraConfig from(String name, ConfigValues v) {
    return new CameraConfig(name, v.camera(name, CAMERA_SOURCE), v.camera(name, CAMERA_WIDTH) & ~1,
        v.camera(name, CAMERA_HEIGHT) & ~1, v.camera(name, CAMERA_FPS), v.camera(name, CAMERA_PATTERN),
        v.camera(name, CAMERA_LOOP), v.camera(name, CAMERA_PIXEL_FORMAT), v.camera(name, CAMERA_TIMEOUT),
        v.camera(name, CAMERA_RETRY_MAX), v.camera(name, CAMERA_QUEUE),
        v.camera(name, CAMERA_LADDER), v.camera(name, CAMERA_WEIGHT));
  }
}
