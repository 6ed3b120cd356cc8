package cairn.lab.link;

/**
 * Totals of one direction since the link started, in bytes.
 *
 * @param accepted read from senders into the queue
 * @param carried crossed the link at an opportunity
 * @param delivered written into the far sockets (carried, then delayed)
 * @param queued in the queue now
 * @param inFlight crossed but not yet written to the far socket
 * @param queueLimit the queue's size
 */
public record DirectionCounters(long accepted, long carried, long delivered, long queued, long inFlight, long queueLimit) {}
