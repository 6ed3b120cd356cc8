package cairn.encode;

/**
 * What the encoder is asked for. {@code maxKbps} caps the rate (VBV, buffer of {@code bufferS}
 * seconds) while {@code crf} sets the quality wanted below the cap; {@code width}/{@code height}
 * is the coded size (0 = the camera's).
 */
public record EncoderSettings(String codec, String preset, int crf, int maxKbps, double bufferS, int width,
    int height) {

  public EncoderSettings withCap(int kbps) {
    return new EncoderSettings(codec, preset, crf, kbps, bufferS, width, height);
  }

  public EncoderSettings withSize(int w, int h) {
    return new EncoderSettings(codec, preset, crf, maxKbps, bufferS, w & ~1, h & ~1);
  }
}
