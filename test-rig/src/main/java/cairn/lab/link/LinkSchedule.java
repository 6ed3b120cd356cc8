package cairn.lab.link;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When one direction of the link may move bytes: the opportunities of its trace (or any time, when it has none)
 * minus the outages. A pure function of milliseconds since the link started; immutable and thread-safe.
 */
public final class LinkSchedule {

    private final Optional<MahimahiTrace> trace;
    private final List<Outage> outages;

    /** {@code outages} may overlap and come in any order; they are merged. */
    public LinkSchedule(Optional<MahimahiTrace> trace, List<Outage> outages) {
        this.trace = trace;
        this.outages = merge(outages);
    }

    public Optional<MahimahiTrace> trace() {
        return trace;
    }

    /** The outages, merged and in order. */
    public List<Outage> outages() {
        return outages;
    }

    public boolean isUp(long ms) {
        return outageAt(ms).isEmpty();
    }

    /** The first millisecond at or after {@code ms} when the link is up. */
    public long nextUpMs(long ms) {
        return outageAt(ms).map(Outage::endMs).orElse(ms);
    }

    /** Milliseconds of {@code [fromMs, toMs)} during which the link is up. */
    public long upMsBetween(long fromMs, long toMs) {
        long up = Math.max(0, toMs - fromMs);
        for (Outage o : outages) {
            up -= Math.max(0, Math.min(toMs, o.endMs()) - Math.max(fromMs, o.atMs()));
        }
        return up;
    }

    /**
     * The number of the first trace opportunity at or after number {@code k} that falls while the link is up. Only for
     * a direction with a trace.
     */
    public long firstUsableOpportunity(long k) {
        MahimahiTrace t = trace.orElseThrow(() -> new IllegalStateException("an unlimited direction has no opportunities"));
        long candidate = k;
        for (Outage o : outages) {
            long ms = t.opportunityMs(candidate);
            if (ms >= o.atMs() && ms < o.endMs()) {
                candidate = t.opportunitiesBefore(o.endMs());
            }
        }
        return candidate;
    }

    /**
     * Bytes the trace lets through in {@code [fromMs, toMs)} while the link is up; empty for a direction without a
     * trace (unlimited).
     */
    public Optional<Long> capacityBytes(long fromMs, long toMs) {
        if (trace.isEmpty()) {
            return Optional.empty();
        }
        MahimahiTrace t = trace.get();
        long opportunities = t.opportunitiesBetween(fromMs, toMs);
        for (Outage o : outages) {
            opportunities -= t.opportunitiesBetween(Math.max(fromMs, o.atMs()), Math.min(toMs, o.endMs()));
        }
        return Optional.of(opportunities * MahimahiTrace.PACKET_BYTES);
    }

    private Optional<Outage> outageAt(long ms) {
        return outages.stream().filter(o -> o.covers(ms)).findFirst();
    }

    private static List<Outage> merge(List<Outage> outages) {
        List<Outage> sorted = new ArrayList<>(outages);
        sorted.sort(Comparator.comparingLong(Outage::atMs));
        List<Outage> merged = new ArrayList<>();
        for (Outage o : sorted) {
            Outage last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && o.atMs() <= last.endMs()) {
                merged.set(merged.size() - 1, new Outage(last.atMs(), Math.max(last.endMs(), o.endMs()) - last.atMs()));
            } else {
                merged.add(o);
            }
        }
        return List.copyOf(merged);
    }
}
