package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.LabProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test-rig/lab codec-bench} end to end on a generated clip: the launcher, every run, report.json and the table. */
class CodecBenchIT {

    private static final int KBPS = 200;
    /**
     * Over a 6 s clip a 2 s VBV buffer may lend up to 2 s of bits (+33 % at worst), and MPEG-TS
     * framing adds 10-15 % at ~1 KB frames; measured here 1.22 × K (H.264 alone 1.07 × K).
     */
    private static final double MAX_FIXED_RATE_OVERSHOOT = 1.4;
    private static final List<String> FIELDS =
            List.of("name", "bytes", "kbps", "frames_out", "ssim_mean", "ssim_p05", "psnr_mean", "encode_fps");

    @TempDir
    Path dir;

    @Test
    void reportHoldsEveryRunWithSaneValues() throws Exception {
        Path clip = FfmpegCli.testPattern(dir.resolve("clip.mkv"), 320, 240, 25, 6, 10);
        Path out = dir.resolve("out");

        LabProcess.Outcome outcome = LabProcess.run(dir, "codec-bench", "--input", clip.toString(),
                "--out", out.toString(), "--kbps", Integer.toString(KBPS));

        assertEquals(0, outcome.exitCode(), outcome.stderr());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode input = report.get("input");
        assertEquals(clip.toString(), input.get("path").asText());
        assertEquals(320, input.get("width").asInt());
        assertEquals(240, input.get("height").asInt());
        assertEquals(25.0, input.get("fps").asDouble(), 1e-9);
        assertEquals(150, input.get("frames").asInt());
        assertEquals(6.0, input.get("seconds").asDouble(), 1e-9);

        Map<String, JsonNode> runs = new HashMap<>();
        for (JsonNode run : report.get("runs")) {
            for (String field : FIELDS) {
                assertTrue(run.has(field), run.get("name") + " lacks " + field);
            }
            String name = run.get("name").asText();
            runs.put(name, run);
            assertTrue(run.get("bytes").asLong() > 0, name + " bytes");
            assertTrue(run.get("frames_out").asInt() > 0, name + " frames_out");
            assertTrue(run.get("ssim_p05").asDouble() > 0 && run.get("ssim_p05").asDouble() <= run.get("ssim_mean").asDouble(), name + " ssim_p05");
            assertTrue(run.get("ssim_mean").asDouble() <= 1.0, name + " ssim_mean");
            assertTrue(run.get("psnr_mean").asDouble() > 10, name + " psnr_mean");
            assertTrue(run.get("encode_fps").asDouble() > 0, name + " encode_fps");
            assertEquals(run.get("bytes").asLong() * 8 / 6.0 / 1000, run.get("kbps").asDouble(), 0.01, name + " kbps");
            assertTrue(outcome.stdout().contains(name), "table lacks " + name);
        }
        assertTrue(runs.keySet().containsAll(List.of("h264-fixed-rate", "seed-frame-diff", "seed-similarity-rle",
                "x264-crf-long-gop")), runs.keySet().toString());
        JsonNode rq = report.get("rate_quality");
        assertEquals(4, rq.get("cairn").size());
        assertEquals(4, rq.get("x264-crf-long-gop").size());
        // This noisy pattern is held at the cap at every CRF, so the curves need not overlap: the field is there.
        assertTrue(rq.has("bd_rate_percent") && rq.has("ssim_overlap"), rq.toString());
        assertEquals(4, rq.get("crf_values").size());
        assertTrue(outcome.stdout().contains("BD-rate"), outcome.stdout());

        JsonNode fixedRate = runs.get("h264-fixed-rate");
        double kbps = fixedRate.get("kbps").asDouble();
        assertTrue(kbps > 0.9 * KBPS && kbps < MAX_FIXED_RATE_OVERSHOOT * KBPS, "h264-fixed-rate kbps " + kbps);
        assertEquals(150, fixedRate.get("frames_out").asInt());
        assertTrue(fixedRate.get("ssim_mean").asDouble() < 1.0);
        assertEquals(150, runs.get("seed-frame-diff").get("frames_out").asInt());
        assertEquals(1.0, runs.get("seed-similarity-rle").get("ssim_mean").asDouble());
        assertEquals(150, runs.get("seed-similarity-rle").get("frames_out").asInt());
    }
}
