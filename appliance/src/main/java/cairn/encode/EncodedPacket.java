package cairn.encode;

/** One encoded H.264 access unit (Annex B), with its presentation time in 90 kHz ticks. */
public record EncodedPacket(byte[] data, long pts90k, boolean key) {}
