package cairn.lab.scenario;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.rig.ClipFormat;
import cairn.lab.rig.ExternalCommand;
import cairn.lab.rig.TestClips;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in Debian's headless Chromium, as a person opens it: the plots are there, hls.js (from the npm
 * registry, copied beside the page) plays the received HLS in real time, and report.png is written. The HLS here is
 * made by ffmpeg from a generated clip, so the test needs no appliance run.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class ReportPageIT {

    @TempDir
    Path dir;

    private static final String REPORT = """
            {"duration_s": 20, "segments": {"produced": 10, "delivered": 10, "lost": 0, "duplicates": 0, "corrupt": 0},
             "frames": {"captured": 200, "dropped_at_capture": 0}, "bytes": {"delivered": 1, "link_capacity": 2},
             "utilization": 0.9, "utilization_detail": {"seconds": 3},
             "latency_ms": {"p50": 2300, "p95": 4000, "max": 5000, "live_segments": 9, "backlog_segments": 1},
             "backlog": {"max_bytes": 30000, "drained_s_after_outage": 1.5,
                         "outages": [{"at_s": 6, "for_s": 6}]},
             "quality": {"ssim_mean": 0.97}, "mqtt": {"health_messages": 0, "state_transitions": []},
             "timeline": [{"t": 0, "capacity_kbps": 800, "target_kbps": 1500, "sent_kbps": 200, "backlog_bytes": 0},
                          {"t": 1, "capacity_kbps": 800, "target_kbps": 1500, "sent_kbps": 700, "backlog_bytes": 9000}],
             "deliveries": [{"capture_t": 0.5, "latency_ms": 2300, "live": true},
                            {"capture_t": 6.5, "latency_ms": 9000, "live": false}],
             "scenario": {"camera": "clip.mp4", "uplink_trace": "800kbps.up", "outages": ["6+6"], "stopped_s": 24},
             "definitions": {"latency_ms": "capture to held"}}
            """;

    @Test
    void thePagePlaysTheReceivedHlsAndIsSavedAsAPicture() throws Exception {
        Path out = Files.createDirectories(dir.resolve("report"));
        Path cam = Files.createDirectories(out.resolve("receiver/www/up/box/cam1"));
        Path clip = TestClips.motion(dir, new ClipFormat(320, 240, 10, 12));
        ExternalCommand.runChecked(List.of("/usr/bin/ffmpeg", "-nostdin", "-v", "error", "-i", clip.toString(),
                "-c:v", "libx264", "-g", "20", "-f", "hls", "-hls_time", "2", "-hls_list_size", "0",
                "-hls_segment_filename", cam.resolve("%012d.ts").toString(), cam.resolve("2026-11-21.m3u8").toString()),
                Duration.ofSeconds(60));
        JsonNode report = new ObjectMapper().readTree(REPORT);
        HlsJs.copyInto(out);
        String html = ReportPage.render(report, ScenarioCommand.playlists(out, "up/box/cam1"));
        Files.writeString(out.resolve("report.html"), html, StandardCharsets.UTF_8);

        assertEquals(3, html.split("<svg ", -1).length - 1, "three plots");
        assertFalse(html.matches("(?s).*src=\"https?:.*"), "no script or media from elsewhere");
        assertTrue(html.contains("src=\"viewer/hls.min.js\""));

        PageCheck.Result r = PageCheck.check(out);
        assertTrue(r.played(), "video.currentTime advances in real time: " + r);
        assertEquals("320x240", r.videoWidth() + "x" + r.videoHeight());
        byte[] png = Files.readAllBytes(out.resolve("report.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(png.length > 10_000, "a real picture: " + png.length + " bytes");
    }
}
