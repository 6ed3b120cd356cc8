package cairn.lab.receiver;

import java.util.OptionalDouble;

/**
 * What became of one produced segment on the server.
 *
 * @param detail why it is not {@link Status#DELIVERED}, in one sentence; empty when it is
 * @param decodeChecked whether ffmpeg decoded it; a whole segment is left unchecked when an earlier segment of its
 *     group of pictures did not arrive whole (it cannot decode without it), or when checking was switched off
 * @param storedPuts PUTs of its path that nginx stored (201 or 204); more than one is a duplicate
 * @param firstStoredEpochSeconds when the first such PUT ended, by nginx's clock (the receiver holds it whole from
 *     then, if it was whole); empty without one
 */
public record SegmentArrival(String camera, long sequence, Status status, String detail, boolean decodeChecked,
        int storedPuts, OptionalDouble firstStoredEpochSeconds) {

    public enum Status {
        /** On the server with the size and SHA-256 the appliance recorded, and its group of pictures decodes. */
        DELIVERED,
        /** Not on the server. */
        MISSING,
        /** On the server, but its size or SHA-256 differs from what the appliance produced. */
        DAMAGED,
        /** On the server whole, but ffmpeg reports errors decoding its group of pictures. */
        UNDECODABLE
    }

    /** Arrived whole: the bytes are the appliance's (it may still fail to decode). */
    public boolean whole() {
        return status == Status.DELIVERED || status == Status.UNDECODABLE;
    }

    public boolean duplicated() {
        return storedPuts > 1;
    }
}
