package cairn.lab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of report.json that come from the appliance's rate decisions ({@link RateLog}): the target in force at a
 * moment, whether the rate controller held the appliance below its top rung, and the {@code rate} section. Each
 * camera's decision holds from its {@code at_ms} until that camera's next one. Immutable; pure.
 */
final class RateFigures {

    static final String TARGET_DEFINITION = "target_kbps: the sum over cameras of the kbps of each camera's last"
            + " rate decision (box/rate.jsonl) at or before the second's end, 0 for a camera without one yet;"
            + " encoder.max_kbps for every second when the appliance wrote no rate decision";
    static final int MAX_DECISIONS = 1000;

    private final RateLog log;
    private final long fallbackKbps;
    private final Map<String, long[]> times = new LinkedHashMap<>();
    private final Map<String, List<RateLog.Decision>> byCamera = new LinkedHashMap<>();
    private final Map<String, long[]> capTimes = new LinkedHashMap<>();
    private final Map<String, List<RateLog.Cap>> capsByCamera = new LinkedHashMap<>();
    private final long[] allTimes;

    /** {@code fallbackKbps}: the target when the log has no decision at all (encoder.max_kbps). */
    RateFigures(RateLog log, long fallbackKbps) {
        this.log = log;
        this.fallbackKbps = fallbackKbps;
        for (String camera : log.cameras()) {
            List<RateLog.Decision> d = log.of(camera);
            byCamera.put(camera, d);
            times.put(camera, d.stream().mapToLong(RateLog.Decision::atMs).toArray());
            List<RateLog.Cap> c = log.capsOf(camera);
            capsByCamera.put(camera, c);
            capTimes.put(camera, c.stream().mapToLong(RateLog.Cap::atMs).toArray());
        }
        allTimes = log.decisions().stream().mapToLong(RateLog.Decision::atMs).toArray();
    }

    /** The target in force at wall-clock {@code ms} (decisions at exactly {@code ms} included). */
    long targetKbpsAt(long ms) {
        if (byCamera.isEmpty()) {
            return fallbackKbps;
        }
        long sum = 0;
        for (String camera : byCamera.keySet()) {
            sum += rungKbpsAt(camera, ms);
        }
        return sum;
    }

    /**
     * The cap the encoders were held to at wall-clock {@code ms}: per camera its last cap line at or before {@code ms}
     * ({@code "type": "cap"}: within the rung, the cap follows the estimate and the queue), else, for a camera without
     * one (an appliance from before they were logged), its rung's kbit/s as {@link #targetKbpsAt}.
     */
    long capKbpsAt(long ms) {
        if (byCamera.isEmpty()) {
            return fallbackKbps;
        }
        long sum = 0;
        for (String camera : byCamera.keySet()) {
            int i = after(capTimes.get(camera), ms);
            sum += i > 0 ? capsByCamera.get(camera).get(i - 1).kbps() : rungKbpsAt(camera, ms);
        }
        return sum;
    }

    /** The kbit/s of the camera's decision in force at {@code ms}; 0 before its first. */
    private long rungKbpsAt(String camera, long ms) {
        RateLog.Decision d = inForce(camera, ms);
        return d == null ? 0 : d.kbps();
    }

    /**
     * Whether, all through {@code [from, to)}, every camera had a decision in force and together they were below their
     * top rates: the rate controller, not the camera, set the pace. Never true with rate control off (top = kbps).
     */
    boolean belowTopThroughout(long from, long to) {
        if (byCamera.isEmpty()) {
            return false;
        }
        List<Long> moments = new ArrayList<>(List.of(from));
        for (int i = after(allTimes, from); i < allTimes.length && allTimes[i] < to; i++) {
            moments.add(allTimes[i]);
        }
        for (long m : moments) {
            long kbps = 0;
            long top = 0;
            for (String camera : byCamera.keySet()) {
                RateLog.Decision d = inForce(camera, m);
                if (d == null) {
                    return false;
                }
                kbps += d.kbps();
                top += d.topKbps();
            }
            if (kbps >= top) {
                return false;
            }
        }
        return true;
    }

    /**
     * The {@code rate} section: changes, changes per minute of recording per camera, outages the appliance saw, and
     * the decisions (the first {@value #MAX_DECISIONS}) with {@code t} in seconds since the link's start.
     */
    Map<String, Object> section(long linkStartMillis, double recordedMinutes) {
        Map<String, Object> m = new LinkedHashMap<>();
        long changes = log.changes();
        int cameras = byCamera.size();
        m.put("changes", changes);
        m.put("changes_per_min", cameras == 0 || recordedMinutes <= 0 ? null
                : LinkFigures.round4(changes / recordedMinutes / cameras));
        m.put("outages", log.outages());
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (RateLog.Decision d : log.decisions().subList(0, Math.min(MAX_DECISIONS, log.decisions().size()))) {
            decisions.add(json(d, linkStartMillis));
        }
        m.put("decisions", decisions);
        m.put("decisions_total", log.decisions().size());
        m.put("cameras", List.copyOf(byCamera.keySet()));
        m.put("file", log.present() ? "box/rate.jsonl" : null);
        m.put("skipped_lines", log.skippedLines());
        m.put("definition", "a change is a rate line whose (rung, kbps, fps, height) differs from the line before it"
                + " for the same camera; start and fixed lines are not changes; changes_per_min = changes / minutes"
                + " recorded / cameras; outages = outage_start lines");
        return m;
    }

    private static Map<String, Object> json(RateLog.Decision d, long linkStartMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("t", (d.atMs() - linkStartMillis) / 1000.0);
        m.put("camera", d.camera());
        m.put("rung", d.rung());
        m.put("kbps", d.kbps());
        m.put("fps", d.fps());
        m.put("height", d.height());
        m.put("top_kbps", d.topKbps());
        m.put("reason", d.reason());
        m.put("estimate_kbps", d.estimateKbps());
        m.put("queue_ms", d.queueMs());
        return m;
    }

    /** The camera's last decision at or before {@code ms}, or null. */
    private RateLog.Decision inForce(String camera, long ms) {
        int i = after(times.get(camera), ms);
        return i == 0 ? null : byCamera.get(camera).get(i - 1);
    }

    /** Index of the first of the sorted {@code times} after {@code ms}. */
    private static int after(long[] times, long ms) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= ms) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
