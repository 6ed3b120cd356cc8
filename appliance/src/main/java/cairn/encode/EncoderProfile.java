package cairn.encode;

/**
 * How the encoder trades delay for bits. Both aim at the same quality (CRF) under the rate
 * controller's cap; a camera keeps one profile for as long as its pipeline runs, because a switch
 * means a new encoder and so a key frame.
 *
 * <ul>
 *   <li>{@code EFFICIENT} — without an uplink: look-ahead, B-frames, macroblock-tree rate control and
 *       frame threads, about a third fewer bits for the same quality. Pictures come out some ten
 *       kept frames after they went in: a fraction of a second in motion, up to a minute of a still
 *       scene's sparse frames, which only delays their arrival in the spool.
 *   <li>{@code LIVE} — with an uplink: every picture comes out as it goes in (zero latency), so what
 *       is sent live is never held back by the encoder, moving or still.
 * </ul>
 */
public enum EncoderProfile { EFFICIENT, LIVE }
