package cairn.analysis;

/**
 * What to do with one frame. {@code changeShare} is the share of tiles changed against the last
 * kept frame; {@code similarityToKey} the SSIM of the thumbnail to the current key frame's.
 */
public record Decision(boolean keep, boolean keyFrame, boolean motion, double changeShare, double similarityToKey) {}
