package cairn.lab.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the appliance wrote to {@code DATA/rate.jsonl}: its rate decisions and the link's outages, one JSON object a
 * line, appended as they happen. A line that is not whole JSON (the torn last line of a power cut) or lacks a field a
 * figure needs is skipped and counted; unknown fields and unknown types are ignored, so the appliance may add both.
 *
 * @param present whether the file existed
 * @param decisions the rate lines in time order (stable for equal times)
 * @param events the outage starts and ends in time order
 * @param caps the caps handed to the encoder ({@code "type": "cap"}), in time order; none from appliances before they
 *     were logged
 * @param skippedLines lines that were not a whole, usable object
 */
record RateLog(boolean present, List<Decision> decisions, List<LinkEvent> events, List<Cap> caps, int skippedLines) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One {@code "type": "rate"} line. {@code fps} 0 is the camera's own rate and {@code height} 0 its own size;
     * {@code estimateKbps} and {@code queueMs} are null when the line has none.
     */
    record Decision(long atMs, String camera, int rung, long kbps, double fps, int height, long topKbps, String reason,
            Long estimateKbps, Long queueMs) {

        static final String START = "start";
        static final String FIXED = "fixed";

        /** Whether this line moves its camera away from {@code previous}, that camera's line before it. */
        boolean changes(Decision previous) {
            if (previous == null || reason.equals(START) || reason.equals(FIXED)) {
                return false;
            }
            return rung != previous.rung || kbps != previous.kbps || Double.compare(fps, previous.fps) != 0
                    || height != previous.height;
        }
    }

    /** An {@code outage_start} ({@code start} true) or {@code outage_end} line. */
    record LinkEvent(long atMs, boolean start) {}

    /** One {@code "type": "cap"} line: the kbit/s the camera's encoder was held to from then on, within its rung. */
    record Cap(long atMs, String camera, long kbps) {}

    RateLog {
        decisions = List.copyOf(decisions);
        events = List.copyOf(events);
        caps = List.copyOf(caps);
    }

    static RateLog missing() {
        return new RateLog(false, List.of(), List.of(), List.of(), 0);
    }

    /** Reads the file; a missing file is an empty, not-present log. */
    static RateLog read(Path file) throws IOException {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return missing();
        }
    }

    static RateLog parse(List<String> lines) {
        List<Decision> decisions = new ArrayList<>();
        List<LinkEvent> events = new ArrayList<>();
        List<Cap> caps = new ArrayList<>();
        int skipped = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (JsonProcessingException torn) {
                skipped++;
                continue;
            }
            if (o == null || !o.isObject() || !o.path("at_ms").canConvertToLong()) {
                skipped++;
                continue;
            }
            long at = o.path("at_ms").asLong();
            switch (o.path("type").asText()) {
                case "rate" -> {
                    Decision d = decision(o, at);
                    if (d == null) {
                        skipped++;
                    } else {
                        decisions.add(d);
                    }
                }
                case "cap" -> {
                    if (o.path("camera").isTextual() && whole(o, "kbps")) {
                        caps.add(new Cap(at, o.path("camera").asText(), o.path("kbps").asLong()));
                    } else {
                        skipped++;
                    }
                }
                case "outage_start" -> events.add(new LinkEvent(at, true));
                case "outage_end" -> events.add(new LinkEvent(at, false));
                default -> { } // A kind of line this lab does not know yet.
            }
        }
        decisions.sort(Comparator.comparingLong(Decision::atMs));
        events.sort(Comparator.comparingLong(LinkEvent::atMs));
        caps.sort(Comparator.comparingLong(Cap::atMs));
        return new RateLog(true, decisions, events, caps, skipped);
    }

    /** Null when a field the figures need is missing or not a number. */
    private static Decision decision(JsonNode o, long at) {
        if (!o.path("camera").isTextual() || !whole(o, "rung") || !whole(o, "kbps") || !whole(o, "top_kbps")) {
            return null;
        }
        return new Decision(at, o.path("camera").asText(), o.path("rung").asInt(), o.path("kbps").asLong(),
                o.path("fps").asDouble(0), o.path("height").asInt(0), o.path("top_kbps").asLong(),
                o.path("reason").asText(""), whole(o, "estimate_kbps") ? o.path("estimate_kbps").asLong() : null,
                whole(o, "queue_ms") ? o.path("queue_ms").asLong() : null);
    }

    private static boolean whole(JsonNode o, String field) {
        JsonNode v = o.path(field);
        return v.isNumber() && v.canConvertToLong();
    }

    /** The cameras that have a decision, in the order of their first one. */
    List<String> cameras() {
        return decisions.stream().map(Decision::camera).distinct().toList();
    }

    /** Rate lines that change their camera's setting (start and fixed lines never do). */
    long changes() {
        long n = 0;
        Map<String, Decision> last = new HashMap<>();
        for (Decision d : decisions) {
            n += d.changes(last.get(d.camera())) ? 1 : 0;
            last.put(d.camera(), d);
        }
        return n;
    }

    long outages() {
        return events.stream().filter(LinkEvent::start).count();
    }

    /** The decisions of one camera, in time order. */
    List<Decision> of(String camera) {
        return decisions.stream().filter(d -> Objects.equals(d.camera(), camera)).toList();
    }

    /** The caps of one camera, in time order. */
    List<Cap> capsOf(String camera) {
        return caps.stream().filter(c -> Objects.equals(c.camera(), camera)).toList();
    }
}
