package cairn.lab.scenario;

import cairn.lab.link.Outage;
import cairn.lab.receiver.AccessLog;
import cairn.lab.receiver.SegmentArrival;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Builds report.json (CONTRACTS.md, {@code lab scenario}) from a finished run: every field the contract lists, plus
 * the details each figure was computed from and how ({@code definitions}). Pure: no I/O.
 */
final class ScenarioReport {

    static final String LATENCY_DEFINITION = "capture wall time of a segment's first frame (its description's"
            + " startWallMillis) to the end of the first PUT of it that nginx stored (access log $msec, written when"
            + " the request ends, after the body is in place), for segments sent live: those whose stored PUT carried"
            + " X-Cairn-Live: 1 (logs without the mark: those the uplink followed with a PUT of live.m3u8 on the same"
            + " connection)";
    static final String SENT_DEFINITION = "sent_kbps: bytes the emulated uplink carried in that second (segments,"
            + " playlists, HTTP headers, and retries of requests that did not complete)";
    static final String DRAIN_DEFINITION = "seconds from an outage's end until every segment waiting then had"
            + " reached the server and at most one segment (the one in flight) was waiting; null if that did not"
            + " happen before the appliance stopped";

    private ScenarioReport() {}

    static Map<String, Object> build(RunData run, Map<String, Object> quality) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("duration_s", run.options().durationS());
        r.put("segments", segments(run));
        r.put("frames", frames(run.finalStatus(), run.camera()));
        Map<String, Object> utilization = LinkFigures.utilization(run);
        r.put("bytes", bytes(run));
        r.put("utilization", utilization.get("value"));
        Map<String, Object> pending = LinkFigures.utilizationPending(run);
        r.put("utilization_pending", pending.get("value"));
        Map<String, Object> belowTop = LinkFigures.utilizationBelowTop(run);
        r.put("utilization_below_top", belowTop.get("value"));
        Map<String, Object> rungCap = LinkFigures.utilizationRungCap(run);
        r.put("utilization_rung_cap", rungCap.get("value"));
        r.put("bytes_per_hour", WireBytes.perHour(run));
        r.put("latency_ms", latency(run.deliveries()));
        r.put("backlog", backlog(run));
        r.put("quality", quality);
        r.put("mqtt", mqtt(run));
        r.put("timeline", LinkFigures.timeline(run).stream().map(LinkFigures.Second::json).toList());
        r.put("scenario", scenario(run));
        r.put("utilization_detail", utilization);
        r.put("utilization_pending_detail", pending);
        r.put("utilization_below_top_detail", belowTop);
        r.put("utilization_rung_cap_detail", rungCap);
        r.put("uplink", uplink(run));
        r.put("deliveries", deliveries(run));
        r.put("rate", new RateFigures(run.rate(), run.targetKbps()).section(run.linkStartMillis(),
                (run.cameraStoppedMillis() - run.linkStartMillis()) / 60_000.0));
        r.put("modem", run.modem().json());
        r.put("definitions", Map.of("latency_ms", LATENCY_DEFINITION, "utilization",
                LinkFigures.LINK_LIMITED_CRITERION, "utilization_pending", LinkFigures.PENDING_CRITERION,
                "utilization_rung_cap", LinkFigures.RUNG_CAP_CRITERION,
                "utilization_below_top", LinkFigures.UTILIZATION_CRITERION
                        + " (the figure called utilization until issue 11)", "bytes_per_hour", WireBytes.DEFINITION,
                "timeline", SENT_DEFINITION + "; " + RateFigures.TARGET_DEFINITION
                        + "; backlog_bytes: segments finished and not yet held by the server, at the second's end",
                "drained_s_after_outage", DRAIN_DEFINITION, "lost", "produced segments that never arrived whole"
                        + " (size and SHA-256 as the appliance recorded) by the time the appliance was stopped"));
        return r;
    }

    private static Map<String, Object> segments(RunData run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("produced", run.arrival().produced());
        m.put("delivered", run.arrival().delivered());
        m.put("lost", run.arrival().lost());
        m.put("duplicates", run.arrival().duplicates());
        m.put("corrupt", run.arrival().corrupt());
        m.put("sent_live", run.deliveries().stream().filter(Delivery::live).count());
        m.put("unexpected_files", run.arrival().unexpected());
        List<String> problems = run.arrival().describeProblems().lines().limit(20).toList();
        m.put("problems", problems);
        return m;
    }

    /** One line per produced segment, times in seconds since the link's start. */
    private static List<Map<String, Object>> deliveries(RunData run) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Delivery d : run.deliveries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("camera", d.info().camera());
            m.put("sequence", d.info().sequence());
            m.put("capture_t", seconds(run, d.info().startWallMillis()));
            m.put("duration_s", Math.round(d.info().durationSeconds() * 1000) / 1000.0);
            m.put("bytes", d.info().bytes());
            m.put("frames", d.info().frames());
            m.put("starts_with_key", d.info().startsWithKey());
            m.put("committed_t", seconds(run, d.committedMillis()));
            m.put("sent_t", d.sentMillis().isPresent() ? seconds(run, d.sentMillis().getAsLong()) : null);
            m.put("stored_t", d.storedMillis().isPresent() ? seconds(run, d.storedMillis().getAsLong()) : null);
            m.put("latency_ms", d.latencyMillis().isPresent() ? d.latencyMillis().getAsLong() : null);
            m.put("live", d.live());
            out.add(m);
        }
        return out;
    }

    private static double seconds(RunData run, long wallMillis) {
        return (wallMillis - run.linkStartMillis()) / 1000.0;
    }

    static Map<String, Object> frames(JsonNode status, String camera) {
        JsonNode cam = status == null ? null : status.path("cameras").path(camera);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("captured", cam == null || cam.isMissingNode() ? null : cam.path("captured").asLong());
        m.put("dropped_at_capture", cam == null || cam.isMissingNode() ? null : cam.path("dropped_at_capture").asLong());
        m.put("kept", cam == null || !cam.has("frames_kept") ? null : cam.path("frames_kept").asLong());
        return m;
    }

    private static Map<String, Object> bytes(RunData run) {
        long delivered = 0;
        long capacity = 0;
        int seconds = LinkFigures.seconds(run);
        for (int t = 0; t < seconds; t++) {
            delivered += run.link().get(t).uplink().deliveredBytes();
            Long c = run.link().get(t).uplink().capacityBytes();
            capacity += c == null ? 0 : c;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("delivered", delivered);
        m.put("link_capacity", capacity);
        m.put("segments_delivered", run.deliveries().stream().filter(d -> d.storedMillis().isPresent())
                .mapToLong(d -> d.info().bytes()).sum());
        m.put("note", "delivered: every byte the emulated uplink delivered to the server during the run (HTTP"
                + " included); link_capacity: what the trace allowed over the same seconds, outages excluded;"
                + " segments_delivered: the segments' own bytes");
        return m;
    }

    static Map<String, Object> latency(List<Delivery> deliveries) {
        List<Long> live = new ArrayList<>();
        List<Long> backlog = new ArrayList<>();
        for (Delivery d : deliveries) {
            OptionalLong l = d.latencyMillis();
            if (l.isPresent()) {
                (d.live() ? live : backlog).add(l.getAsLong());
            }
        }
        live.sort(Long::compare);
        backlog.sort(Long::compare);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50", percentile(live, 50));
        m.put("p95", percentile(live, 95));
        m.put("max", live.isEmpty() ? null : live.get(live.size() - 1));
        m.put("live_segments", live.size());
        m.put("backlog_segments", backlog.size());
        m.put("backlog_p50", percentile(backlog, 50));
        m.put("backlog_max", backlog.isEmpty() ? null : backlog.get(backlog.size() - 1));
        return m;
    }

    /** Nearest rank: the smallest value with at least {@code p}% of the values at or below it; null for none. */
    static Long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static Map<String, Object> backlog(RunData run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_bytes", LinkFigures.maxBacklogBytes(run.deliveries()));
        List<Map<String, Object>> outages = new ArrayList<>();
        Object lastDrain = null;
        boolean allBeforeEnd = true;
        for (Outage o : run.outages()) {
            OptionalLong drain = LinkFigures.drainMillisAfter(run, o);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("at_s", o.atMs() / 1000.0);
            one.put("for_s", o.forMs() / 1000.0);
            one.put("segments_waiting_at_end", LinkFigures.waitingAt(run, o));
            lastDrain = drain.isPresent() ? LinkFigures.round1(drain.getAsLong() / 1000.0) : null;
            one.put("drained_s", lastDrain);
            boolean beforeEnd = drain.isPresent()
                    && o.endMs() + drain.getAsLong() <= run.options().durationS() * 1000;
            one.put("drained_before_end", beforeEnd);
            allBeforeEnd &= beforeEnd;
            outages.add(one);
        }
        m.put("drained_s_after_outage", lastDrain);
        m.put("drained_before_end", run.outages().isEmpty() ? null : allBeforeEnd);
        m.put("outages", outages);
        return m;
    }

    static Map<String, Object> mqtt(RunData run) {
        String root = run.mqttTopicRoot();
        int health = 0;
        List<String> states = new ArrayList<>();
        for (MqttWatch.Message msg : run.mqttMessages()) {
            if (msg.topic().equals(root + "/health")) {
                health++;
            } else if (msg.topic().equals(root + "/state")) {
                String s = msg.text().strip();
                if (states.isEmpty() || !states.get(states.size() - 1).equals(s)) {
                    states.add(s);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("health_messages", health);
        m.put("state_transitions", states);
        m.put("messages", run.mqttMessages().size());
        m.put("topic_root", root);
        m.put("appliance_configured", run.mqttConfigured());
        if (!run.mqttConfigured()) {
            m.put("note", "this appliance build has no [mqtt] section in --print-config, so it was not given the"
                    + " broker; the counts are what the broker saw");
        }
        return m;
    }

    private static Map<String, Object> scenario(RunData run) {
        ScenarioOptions o = run.options();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("camera", o.cameraName());
        m.put("uplink_trace", o.uplinkTrace().toString());
        m.put("downlink_trace", o.downlinkTrace().map(Object::toString).orElse(null));
        m.put("rtt_ms", o.rttMs());
        m.put("outages", o.outages().stream().map(ScenarioReport::outageText).toList());
        m.put("sets", o.sets());
        m.put("device", run.device());
        m.put("camera_name", run.camera());
        m.put("target_kbps", run.targetKbps());
        m.put("fixed_kbps", o.fixedKbps().isPresent() ? o.fixedKbps().getAsLong() : null);
        m.put("recorded_s", LinkFigures.round1((run.cameraStoppedMillis() - run.linkStartMillis()) / 1000.0));
        m.put("stopped_s", LinkFigures.round1((run.applianceStoppedMillis() - run.linkStartMillis()) / 1000.0));
        m.put("drain_limit_s", o.drainLimitS());
        m.put("received_dir", "receiver/www/" + run.remoteDir());
        m.put("link_start_epoch_ms", run.linkStartMillis());
        return m;
    }

    static String outageText(Outage o) {
        return fmt(o.atMs() / 1000.0) + "+" + fmt(o.forMs() / 1000.0);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static Map<String, Object> uplink(RunData run) {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode u = run.finalStatus() == null ? null : run.finalStatus().path("uplink");
        if (u != null && !u.isMissingNode()) {
            m.put("segments_sent", u.path("segments_sent").asLong());
            m.put("live_sent", u.path("live_sent").asLong());
            m.put("failures", u.path("failures").asLong());
            m.put("bytes_sent", u.path("bytes_sent").asLong());
        }
        Map<String, Integer> statuses = new TreeMap<>();
        for (AccessLog.Entry e : run.requests()) {
            statuses.merge(e.method() + " " + e.status(), 1, Integer::sum);
        }
        m.put("receiver_answers", statuses);
        List<Map<String, Object>> repeats = new ArrayList<>();
        for (SegmentArrival a : run.arrival().segments()) {
            if (!a.duplicated()) {
                continue;
            }
            String name = String.format("/%012d.ts", a.sequence());
            List<String> puts = new ArrayList<>();
            for (AccessLog.Entry e : run.requests()) {
                if (e.method().equals("PUT") && e.path().endsWith(a.camera() + name)) {
                    puts.add(String.format(java.util.Locale.ROOT, "t=%.2f s: %d after %.3f s, connection %d request %d",
                            e.epochSeconds() - run.linkStartMillis() / 1000.0, e.status(), e.seconds(),
                            e.connection(), e.connectionRequest()));
                }
            }
            repeats.add(Map.of("segment", a.camera() + "/" + a.sequence(), "puts", puts));
        }
        m.put("stored_more_than_once", repeats);
        return m;
    }
}
