package cairn.lab.scenario;

import cairn.lab.link.LinkSecond;
import cairn.lab.link.Outage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;

/**
 * The figures of report.json that join the link's seconds with the segments' way to the server: the timeline,
 * the backlog and its drain after an outage, and the utilization of the link while the appliance was link-limited.
 * Pure functions of a {@link RunData}.
 */
final class LinkFigures {

    /** What counts as "link-limited" for utilization, as the report states it. */
    static final String UTILIZATION_CRITERION = "uplink bytes carried / bytes the trace allowed, over the whole"
            + " seconds when the link was up and the appliance was link-limited: it had a backlog all second long (at"
            + " least one finished segment in the spool that the server did not hold yet), or the target in force"
            + " (box/rate.jsonl) was below its top rate (top_kbps, summed over cameras) all second long while the camera"
            + " was producing (from the first segment's first frame until the camera stopped)";

    private LinkFigures() {}

    /** One second of the timeline. */
    record Second(int t, boolean up, double capacityKbps, long targetKbps, double sentKbps, long backlogBytes) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t", (double) t);
            m.put("capacity_kbps", round1(capacityKbps));
            m.put("target_kbps", targetKbps);
            m.put("sent_kbps", round1(sentKbps));
            m.put("backlog_bytes", backlogBytes);
            m.put("link_up", up);
            return m;
        }
    }

    /** Seconds of the run: from the link's start until the appliance was stopped. */
    static int seconds(RunData run) {
        long ms = run.applianceStoppedMillis() - run.linkStartMillis();
        return (int) Math.min(run.link().size(), Math.max(0, (ms + 999) / 1000));
    }

    static List<Second> timeline(RunData run) {
        RateFigures rate = new RateFigures(run.rate(), run.targetKbps());
        List<Second> out = new ArrayList<>();
        for (int t = 0; t < seconds(run); t++) {
            LinkSecond s = run.link().get(t);
            long end = run.wall((t + 1) * 1000L);
            out.add(new Second(t, s.upMs() >= 1000, Math.max(0, s.uplink().capacityKbps()), rate.targetKbpsAt(end),
                    s.uplink().carriedKbps(), backlogBytesAt(run.deliveries(), end)));
        }
        return out;
    }

    static long backlogBytesAt(List<Delivery> deliveries, long millis) {
        return deliveries.stream().filter(d -> d.pendingAt(millis)).mapToLong(d -> d.info().bytes()).sum();
    }

    static long backlogCountAt(List<Delivery> deliveries, long millis) {
        return deliveries.stream().filter(d -> d.pendingAt(millis)).count();
    }

    /** The largest backlog at any moment (it changes only when a segment is committed or stored). */
    static long maxBacklogBytes(List<Delivery> deliveries) {
        long max = 0;
        for (Delivery d : deliveries) {
            max = Math.max(max, backlogBytesAt(deliveries, d.committedMillis()));
        }
        return max;
    }

    /** Whether, all through {@code [from, to)}, at least one segment was pending (waiting, or on its way). */
    static boolean backlogThroughout(List<Delivery> deliveries, long from, long to) {
        return coveredThroughout(deliveries, d -> d.storedMillis().orElse(Long.MAX_VALUE), from, to);
    }

    /** Whether, all through {@code [from, to)}, at least one segment waited to be sent (its PUT not begun). */
    static boolean waitingThroughout(List<Delivery> deliveries, long from, long to) {
        return coveredThroughout(deliveries, Delivery::waitedUntilMillis, from, to);
    }

    private static boolean coveredThroughout(List<Delivery> deliveries, java.util.function.ToLongFunction<Delivery> until,
            long from, long to) {
        List<long[]> spans = new ArrayList<>();
        for (Delivery d : deliveries) {
            long end = until.applyAsLong(d);
            if (d.committedMillis() < to && end > from) {
                spans.add(new long[] {d.committedMillis(), end});
            }
        }
        spans.sort(Comparator.comparingLong(a -> a[0]));
        long covered = from;
        for (long[] s : spans) {
            if (s[0] > covered) {
                return false;
            }
            covered = Math.max(covered, s[1]);
            if (covered >= to) {
                return true;
            }
        }
        return covered >= to;
    }

    /** A segment at this share of its cap or more was held by the cap (VBV keeps it at or just under). */
    static final double HELD_SHARE = 0.9;

    /** What counts as "link-limited" for the utilization figure since issue 12. */
    static final String LINK_LIMITED_CRITERION = "uplink bytes carried / bytes the trace allowed, over the whole"
            + " seconds when the link was up and the appliance was link-limited: a backlog waited all second long (at"
            + " least one finished segment whose storing PUT had not begun yet: nginx's end of it less its"
            + " $request_time), or the encoder was held by its cap: the segments recorded during that second came"
            + " out at " + Math.round(HELD_SHARE * 100) + " % or more of the cap in force (box/rate.jsonl: the"
            + " cap lines, which follow the estimate and the queue within the rung; the rung's kbit/s for an"
            + " appliance that writes none), i.e. the scene wanted at least what the link was allowed to carry. A"
            + " still scene below its cap is not link-limited. (A segment on its way, alone, does not make a second"
            + " link-limited: with nothing else to send the box is not held by the link; that was the rule of"
            + " utilization_pending.)";

    /** The figure of the runs of 4 December: held by the rung's kbit/s rather than the cap in force. */
    static final String RUNG_CAP_CRITERION = "as utilization, but held by the cap judged against the rung's kbit/s"
            + " (the rate lines) instead of the cap in force: a lifted cap then counts a second as held with the scene"
            + " below it, a trimmed one misses a second held at it (the figure called utilization on 4 December)";

    /** Issue 11's rule (a segment on its way counted as backlog), kept to compare runs. */
    static final String PENDING_CRITERION = "as utilization, but a second also counted when all second long a segment"
            + " was pending: finished, and not yet held by the server, whether it waited in the box or was on its way"
            + " (the figure called utilization in issue 11's runs)";

    /**
     * Utilization while link-limited ({@link #LINK_LIMITED_CRITERION}) and what it was computed over;
     * the value is null when no second qualified.
     */
    static Map<String, Object> utilization(RunData run) {
        RateFigures rate = new RateFigures(run.rate(), run.targetKbps());
        return utilization(run, LinkFigures::waitingThroughout, (from, to) -> heldByCap(run.deliveries(),
                rate::capKbpsAt, from, to), "seconds_held_by_cap", LINK_LIMITED_CRITERION);
    }

    /** Utilization with "held" judged by the rung's kbit/s ({@link #RUNG_CAP_CRITERION}), kept to compare runs. */
    static Map<String, Object> utilizationRungCap(RunData run) {
        RateFigures rate = new RateFigures(run.rate(), run.targetKbps());
        return utilization(run, LinkFigures::waitingThroughout, (from, to) -> heldByCap(run.deliveries(),
                rate::targetKbpsAt, from, to), "seconds_held_by_cap", RUNG_CAP_CRITERION);
    }

    /** Issue 11's link-limited utilization ({@link #PENDING_CRITERION}), kept to compare runs. */
    static Map<String, Object> utilizationPending(RunData run) {
        RateFigures rate = new RateFigures(run.rate(), run.targetKbps());
        return utilization(run, LinkFigures::backlogThroughout, (from, to) -> heldByCap(run.deliveries(),
                rate::capKbpsAt, from, to), "seconds_held_by_cap", PENDING_CRITERION);
    }

    /** The utilization figure of issues 3 to 10 ({@link #UTILIZATION_CRITERION}), kept to compare runs. */
    static Map<String, Object> utilizationBelowTop(RunData run) {
        RateFigures rate = new RateFigures(run.rate(), run.targetKbps());
        // Before the first frame and after the camera stopped, a target below the top holds nothing back.
        long producingFrom = run.deliveries().stream().mapToLong(d -> d.info().startWallMillis()).min()
                .orElse(Long.MAX_VALUE);
        return utilization(run, LinkFigures::backlogThroughout, (from, to) -> from >= producingFrom && to <= run.cameraStoppedMillis()
                && rate.belowTopThroughout(from, to), "seconds_below_top", UTILIZATION_CRITERION);
    }

    private interface SecondTest {
        boolean test(long fromMillis, long toMillis);
    }

    private interface BacklogTest {
        boolean test(List<Delivery> deliveries, long fromMillis, long toMillis);
    }

    private static Map<String, Object> utilization(RunData run, BacklogTest waited, SecondTest limited,
            String limitedName, String criterion) {
        long carried = 0;
        long capacity = 0;
        int counted = 0;
        int backlogged = 0;
        int held = 0;
        for (int t = 0; t < seconds(run); t++) {
            LinkSecond s = run.link().get(t);
            if (s.upMs() < 1000 || s.uplink().capacityBytes() == null) {
                continue;
            }
            long from = run.wall(t * 1000L);
            long to = run.wall((t + 1) * 1000L);
            boolean backlog = waited.test(run.deliveries(), from, to);
            boolean other = limited.test(from, to);
            backlogged += backlog ? 1 : 0;
            held += other ? 1 : 0;
            if (backlog || other) {
                carried += s.uplink().carriedBytes();
                capacity += s.uplink().capacityBytes();
                counted++;
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", capacity == 0 ? null : round4((double) carried / capacity));
        m.put("seconds", counted);
        m.put("seconds_with_backlog", backlogged);
        m.put(limitedName, held);
        m.put("carried_bytes", carried);
        m.put("capacity_bytes", capacity);
        m.put("criterion", criterion);
        return m;
    }

    /** Whether the segments recorded during {@code [from, to)} came out near the cap in force ({@code capAt}). */
    static boolean heldByCap(List<Delivery> deliveries, LongUnaryOperator capAt, long from, long to) {
        long bytes = 0;
        double capBytes = 0;
        for (Delivery d : deliveries) {
            long start = d.info().startWallMillis();
            long end = d.info().endWallMillis();
            if (end <= from || start >= to || end <= start) {
                continue;
            }
            bytes += d.info().bytes();
            capBytes += capAt.applyAsLong(start) * 1000 / 8.0 * (end - start) / 1000.0;
        }
        return capBytes > 0 && bytes >= HELD_SHARE * capBytes;
    }

    /**
     * The drain after one outage, in seconds from its end: until every segment that was waiting when the link came
     * back has reached the server and, from then on, the first moment at most one segment (the one in flight) is
     * waiting. Empty when that never happened before the appliance stopped.
     */
    static OptionalLong drainMillisAfter(RunData run, Outage outage) {
        long end = run.wall(outage.endMs());
        List<Delivery> waiting = run.deliveries().stream().filter(d -> d.pendingAt(end)).toList();
        long lastArrival = end;
        for (Delivery d : waiting) {
            if (d.storedMillis().isEmpty()) {
                return OptionalLong.empty();
            }
            lastArrival = Math.max(lastArrival, d.storedMillis().getAsLong());
        }
        long from = lastArrival;
        List<Long> moments = new ArrayList<>();
        moments.add(from);
        run.deliveries().stream().map(Delivery::storedMillis).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).filter(m -> m > from).sorted().forEach(moments::add);
        for (long m : moments) {
            if (m > run.applianceStoppedMillis()) {
                break;
            }
            if (backlogCountAt(run.deliveries(), m) <= 1) {
                return OptionalLong.of(m - end);
            }
        }
        return OptionalLong.empty();
    }

    /** Segments waiting when the outage ended. */
    static long waitingAt(RunData run, Outage outage) {
        return backlogCountAt(run.deliveries(), run.wall(outage.endMs()));
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
