package cairn.encode;

/**
 * What the encoder is asked for. {@code maxKbps} caps the rate (VBV, buffer of {@code bufferS}
 * seconds) while {@code crf} sets the quality wanted below the cap; {@code width}/{@code height}
 * is the coded size (0 = the camera's).
 */
public record EncoderSettings(String codec, String preset, int crf, int maxKbps, double bufferS, int width,
    int height) {

  /**
   * The CRF for a picture size when {@code crf} is auto (negative): 24 at 320x240 and one more per
   * doubling of the pixel count, 22 to 30. Small pictures need finer quantising for the same
   * perceived detail; CRF alone is not resolution-independent.
   */
  public int crfFor(int w, int h) {
    if (crf >= 0) {
      return crf;
    }
    double doublings = Math.log((double) w * h / (320 * 240)) / Math.log(2);
    return (int) Math.max(22, Math.min(30, 24 + Math.round(doublings)));
  }

  public EncoderSettings withCap(int kbps) {
    return new EncoderSettings(codec, preset, crf, kbps, bufferS, width, height);
  }

  public EncoderSettings withSize(int w, int h) {
    return new EncoderSettings(codec, preset, crf, maxKbps, bufferS, w & ~1, h & ~1);
  }
}
