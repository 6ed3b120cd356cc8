package cairn.lab.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the emulated link behaves. Immutable; start from {@link #unlimited()} and change one thing at a time:
 *
 * <pre>{@code
 * LinkConfig config = LinkConfig.unlimited()
 *         .withUplink(MahimahiTrace.load(Path.of("TMobile-UMTS-driving.up")))
 *         .withRtt(Duration.ofMillis(120))
 *         .withOutage(Outage.parse("60+30"));
 * }</pre>
 *
 * @param uplink the trace for client-to-server bytes; empty: unlimited
 * @param downlink the trace for server-to-client bytes; empty: unlimited
 * @param rtt base round trip, half applied to each direction as delivery delay
 * @param uplinkQueueBytes drop-tail queue of the uplink (the modem's buffer)
 * @param downlinkQueueBytes drop-tail queue of the downlink
 * @param outages cuts of the whole link, on top of the traces
 */
public record LinkConfig(Optional<MahimahiTrace> uplink, Optional<MahimahiTrace> downlink, Duration rtt,
        long uplinkQueueBytes, long downlinkQueueBytes, List<Outage> outages) {

    /** 256 KiB: about 2 s of a 1 Mbit/s 3G uplink, the depth of buffer cellular modems are known for. */
    public static final long DEFAULT_QUEUE_BYTES = 256 * 1024;

    public LinkConfig {
        Objects.requireNonNull(uplink, "uplink");
        Objects.requireNonNull(downlink, "downlink");
        Objects.requireNonNull(rtt, "rtt");
        if (rtt.isNegative()) {
            throw new IllegalArgumentException("The base RTT must not be negative, got " + rtt.toMillis() + " ms.");
        }
        for (long q : new long[] {uplinkQueueBytes, downlinkQueueBytes}) {
            if (q < MahimahiTrace.PACKET_BYTES) {
                throw new IllegalArgumentException("A queue must hold at least one packet (" + MahimahiTrace.PACKET_BYTES
                        + " bytes), got " + q + ".");
            }
        }
        outages = List.copyOf(outages);
    }

    /** No trace either way, no delay, no outage, default queues. */
    public static LinkConfig unlimited() {
        return new LinkConfig(Optional.empty(), Optional.empty(), Duration.ZERO, DEFAULT_QUEUE_BYTES,
                DEFAULT_QUEUE_BYTES, List.of());
    }

    public LinkConfig withUplink(MahimahiTrace trace) {
        return new LinkConfig(Optional.of(trace), downlink, rtt, uplinkQueueBytes, downlinkQueueBytes, outages);
    }

    public LinkConfig withDownlink(MahimahiTrace trace) {
        return new LinkConfig(uplink, Optional.of(trace), rtt, uplinkQueueBytes, downlinkQueueBytes, outages);
    }

    public LinkConfig withRtt(Duration value) {
        return new LinkConfig(uplink, downlink, value, uplinkQueueBytes, downlinkQueueBytes, outages);
    }

    /** The same queue size for both directions. */
    public LinkConfig withQueueBytes(long bytes) {
        return new LinkConfig(uplink, downlink, rtt, bytes, bytes, outages);
    }

    public LinkConfig withQueueBytes(long uplinkBytes, long downlinkBytes) {
        return new LinkConfig(uplink, downlink, rtt, uplinkBytes, downlinkBytes, outages);
    }

    public LinkConfig withOutage(Outage outage) {
        List<Outage> all = new ArrayList<>(outages);
        all.add(outage);
        return new LinkConfig(uplink, downlink, rtt, uplinkQueueBytes, downlinkQueueBytes, all);
    }

    LinkSchedule uplinkSchedule() {
        return new LinkSchedule(uplink, outages);
    }

    LinkSchedule downlinkSchedule() {
        return new LinkSchedule(downlink, outages);
    }
}
