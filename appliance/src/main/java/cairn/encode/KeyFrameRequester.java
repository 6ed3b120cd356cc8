package cairn.encode;

/**
 * Asks a camera's encoder for a key frame soon, e.g. when live upload resumes after an outage and
 * a viewer needs a picture that decodes on its own. Any thread; cheap; repeated requests merge.
 */
@FunctionalInterface
public interface KeyFrameRequester {
  void requestKeyFrame();
}
