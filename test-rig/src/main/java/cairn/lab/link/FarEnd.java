package cairn.lab.link;

/**
 * Where the bytes of one connection go once they crossed one direction of the link: they must reach the far socket
 * at {@code dueNanos} (crossing time plus the one-way delay), in the order given. Called by the link's thread, with
 * the direction's lock held: implementations only queue, never block.
 */
interface FarEnd {

    void carry(byte[] data, long dueNanos);

    /** The sender closed its side; pass the close on at {@code dueNanos}, after every byte carried before. */
    void end(long dueNanos);
}
