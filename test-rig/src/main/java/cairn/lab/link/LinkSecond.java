package cairn.lab.link;

/**
 * One second of the link's life, second {@code t} counted from its start.
 *
 * @param upMs milliseconds of this second during which the link was not cut by an outage
 */
public record LinkSecond(int t, long upMs, DirectionSecond uplink, DirectionSecond downlink) {

    /**
     * One direction during one second, in bytes.
     *
     * @param capacityBytes what the trace allowed while the link was up; null for a direction without a trace
     * @param carriedBytes what crossed the link (at its opportunities) during this second
     * @param deliveredBytes what was written to the far socket during this second (carried, then delayed)
     * @param queueMaxBytes the fullest the queue was during this second
     */
    public record DirectionSecond(Long capacityBytes, long carriedBytes, long deliveredBytes, long queueMaxBytes) {

        /** Capacity in kbit/s, or -1 for a direction without a trace. */
        public double capacityKbps() {
            return capacityBytes == null ? -1 : capacityBytes * 8 / 1000.0;
        }

        public double carriedKbps() {
            return carriedBytes * 8 / 1000.0;
        }
    }
}
