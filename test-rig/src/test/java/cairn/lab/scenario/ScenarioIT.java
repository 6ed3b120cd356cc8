package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.LabProcess;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.rig.ClipFormat;
import cairn.lab.rig.NoChildProcessesLeft;
import cairn.lab.rig.TestClips;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test-rig/lab scenario} end to end, short: a generated clip as the RTSP camera, a constant 800 kbit/s trace
 * made here, a 10 s outage; report.json holds every field of CONTRACTS.md with sane values, and the page plays.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class ScenarioIT {

    /** Kept when the test fails: the run's report, logs and rate.jsonl are what explains it. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aShortRunWithAnOutageLosesNothingAndReportsEveryField() throws Exception {
        Path clip = TestClips.motion(dir, new ClipFormat(320, 240, 10, 8));
        Path trace = dir.resolve("800kbps.up");
        MahimahiTrace.constant(800).write(trace);
        Path out = dir.resolve("out");
        LabProcess.Outcome run = LabProcess.run(dir, "scenario", "--camera", clip.toString(), "--uplink-trace",
                trace.toString(), "--outage", "12+10", "--duration", "40", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());

        for (String field : List.of("duration_s", "segments/produced", "segments/delivered", "segments/lost",
                "segments/duplicates", "segments/corrupt", "frames/captured", "frames/dropped_at_capture",
                "bytes/delivered", "bytes/link_capacity", "utilization", "latency_ms/p50", "latency_ms/p95",
                "latency_ms/max", "backlog/max_bytes", "backlog/drained_s_after_outage", "quality/ssim_mean",
                "mqtt/health_messages", "mqtt/state_transitions", "timeline", "utilization_below_top",
                "bytes_per_hour/segments", "bytes_per_hour/playlists", "bytes_per_hour/mqtt",
                "bytes_per_hour/total_on_wire")) {
            assertFalse(r.at("/" + field).isMissingNode(), "report.json lacks " + field);
        }
        assertEquals(40, r.path("duration_s").asLong());
        JsonNode seg = r.path("segments");
        assertTrue(seg.path("produced").asInt() >= 15, seg.toString());
        assertEquals(seg.path("produced").asInt(), seg.path("delivered").asInt(), seg.toString());
        assertEquals(0, seg.path("lost").asInt(), seg.toString());
        assertEquals(0, seg.path("corrupt").asInt(), seg.toString());
        assertEquals(0, seg.path("duplicates").asInt(), seg.toString());
        assertTrue(r.at("/frames/captured").asLong() > 300, r.path("frames").toString());

        JsonNode backlog = r.path("backlog");
        assertTrue(backlog.path("max_bytes").asLong() > 0, backlog.toString());
        assertTrue(backlog.path("drained_s_after_outage").isNumber(), "drained: " + backlog);
        assertTrue(backlog.path("drained_before_end").asBoolean(), backlog.toString());

        JsonNode latency = r.path("latency_ms");
        assertTrue(latency.path("p50").asLong() > 0, latency.toString());
        assertTrue(latency.path("p50").asLong() <= latency.path("p95").asLong(), latency.toString());
        assertTrue(latency.path("p95").asLong() <= latency.path("max").asLong(), latency.toString());
        assertTrue(latency.path("max").asLong() < 60_000, latency.toString());

        // The outage leaves a backlog, so some seconds are link-limited: utilization must be a figure, not null.
        assertTrue(r.path("utilization").isNumber(), r.path("utilization_detail").toString());
        assertTrue(r.at("/bytes_per_hour/mqtt").asLong() > 0, r.path("bytes_per_hour").toString());
        assertTrue(r.at("/bytes_per_hour/total_on_wire").asLong() > r.at("/bytes_per_hour/segments").asLong(),
                r.path("bytes_per_hour").toString());
        double utilization = r.path("utilization").asDouble();
        assertTrue(utilization > 0.3 && utilization <= 1.01, r.path("utilization_detail").toString());
        assertTrue(r.at("/bytes/delivered").asLong() <= r.at("/bytes/link_capacity").asLong() + 1500,
                r.path("bytes").toString());

        JsonNode timeline = r.path("timeline");
        assertTrue(timeline.size() >= 40, "one entry a second: " + timeline.size());
        long backlogInOutage = 0;
        for (JsonNode s : timeline) {
            double t = s.path("t").asDouble();
            // 800 kbit/s is 66.7 packets of 1500 bytes a second: 66 or 67 in a given second.
            double expected = t >= 12 && t < 22 ? 0 : 800;
            assertEquals(expected, s.path("capacity_kbps").asDouble(), 12.1, "capacity at " + t);
            // The rate controller's rung: once it has measured the 800 kbit/s link, never one it cannot carry
            // (it may hold a rung up to 20% above its estimate; the next, 1050, is beyond that).
            assertTrue(t < 8 || s.path("target_kbps").asLong() <= 850, s.toString());
            assertTrue(s.path("sent_kbps").asDouble() <= s.path("capacity_kbps").asDouble() + 13, s.toString());
            assertTrue(s.path("backlog_bytes").isNumber(), s.toString());
            if (t >= 12 && t < 22) {
                backlogInOutage = Math.max(backlogInOutage, s.path("backlog_bytes").asLong());
            }
        }
        assertTrue(backlogInOutage > 0, "segments wait in the spool while the link is out");
        assertTrue(r.at("/modem/url").asText().startsWith("http://127.0.0.1:"), r.path("modem").toString());
        assertTrue(r.at("/rate/changes").isNumber() && r.at("/rate/decisions").size() >= 2, r.path("rate").toString());
        assertTrue(r.at("/rate/outages").asInt() >= 1, "the 10 s outage was declared: " + r.path("rate"));
        assertTrue(r.at("/modem/requests").asInt() > 0, "the appliance asked the fake router: " + r.path("modem"));
        assertTrue(r.at("/scenario/fixed_kbps").isNull());
        assertTrue(r.at("/quality/ssim_mean").asDouble() > 0.8, r.path("quality").toString());
        // Health is published (retained) on connecting; the box says it is online first.
        assertTrue(r.at("/mqtt/health_messages").asInt() >= 1, r.path("mqtt").toString());
        assertEquals("online", r.at("/mqtt/state_transitions/0").asText(), r.path("mqtt").toString());

        assertTrue(r.at("/viewer/played").asBoolean(), "the received HLS plays in Chromium: " + r.path("viewer"));
        assertTrue(Files.size(out.resolve("report.png")) > 10_000);
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"));
        assertTrue(run.stdout().contains("lost 0"), run.stdout());
    }
}
