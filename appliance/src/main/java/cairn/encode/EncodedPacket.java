package cairn.encode;

/**
 * One encoded H.264 access unit (Annex B) in decode order, with its presentation and decode times
 * in 90 kHz ticks (they differ for frames that B-frames are predicted from).
 */
public record EncodedPacket(byte[] data, long pts90k, long dts90k, boolean key) {}
