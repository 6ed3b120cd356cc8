package cairn.encode;

/**
 * How the encoder trades delay for bits.
 *
 * <ul>
 *   <li>{@code EFFICIENT} — look-ahead, B-frames and macroblock-tree rate control: about a third
 *       fewer bits for the same quality, for a delay of about ten frames. Used while frames come
 *       at the full rate (something moves), where ten frames are a fraction of a second.
 *   <li>{@code IMMEDIATE} — every frame comes out as it goes in. Used for the sparse frames of a
 *       still scene: with one frame every few seconds, a ten-frame delay would hold footage back
 *       for a minute.
 * </ul>
 */
public enum EncoderProfile { EFFICIENT, IMMEDIATE }
