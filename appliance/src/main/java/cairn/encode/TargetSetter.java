package cairn.encode;

/**
 * The rate controller's handle on one camera's encoding. Contract: callable from any thread; the
 * bitrate cap and frame-rate cap take effect with the next frame where the encoder allows it, a
 * new size (or a cap the encoder only reads when it opens) at the next segment boundary; no frame
 * is lost either way.
 */
public interface TargetSetter {
  void setTarget(EncodingTarget target);
}
