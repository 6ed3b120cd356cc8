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
 *   <li>{@code LIVE} — with an uplink: every frame comes out as it goes in, and the bitrate is a
 *       target the encoder aims at (average with a one-second buffer), not only a cap, so the rate
 *       controller's choice is what the link carries and no segment bursts past it. One profile
 *       whether or not something moves: a switch would cost a key frame.
 * </ul>
 */
public enum EncoderProfile { EFFICIENT, IMMEDIATE, LIVE }
