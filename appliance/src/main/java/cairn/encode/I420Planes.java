package cairn.encode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/** Copies packed I420 pixels into an FFmpeg frame, whose rows may be padded (linesize ≥ width). */
final class I420Planes {
  private I420Planes() {}

  static void copyInto(AVFrame f, byte[] i420, int w, int h) {
    int offset = 0;
    for (int plane = 0; plane < 3; plane++) {
      int pw = plane == 0 ? w : w / 2;
      int ph = plane == 0 ? h : h / 2;
      int stride = f.linesize(plane);
      BytePointer dst = f.data(plane);
      for (int y = 0; y < ph; y++) {
        dst.position((long) y * stride).put(i420, offset, pw);
        offset += pw;
      }
    }
  }
}
