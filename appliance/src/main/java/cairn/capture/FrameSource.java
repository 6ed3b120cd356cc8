package cairn.capture;

import java.io.IOException;

/**
 * A camera as the capture thread sees it: opened once, then grabbed from until it fails.
 *
 * <p>Contract: called from one thread only. {@link #grab} blocks until the next frame is due
 * (sources that are not live pace themselves to their own frame rate) and returns {@code null} at
 * the end of a stream that does not loop; it throws when the camera fails, after which the caller
 * closes it and may open it again.
 */
public interface FrameSource extends AutoCloseable {
  void open() throws IOException;

  Frame grab() throws IOException;

  /** A short description for logs, without credentials. */
  String describe();

  @Override
  void close();
}
