package cairn.analysis;

/** A small grey picture, row-major, one byte per pixel. */
public record GreyImage(int width, int height, byte[] pixels) {
  public int at(int x, int y) {
    return pixels[y * width + x] & 0xff;
  }
}
