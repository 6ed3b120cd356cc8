package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    @TempDir
    Path dir;

    @Test
    void writesTheShapeOfTheContract() throws Exception {
        BenchReport report = new BenchReport(
                new BenchReport.Input("clip.avi", 768, 576, 10.0, 795, 79.5),
                List.of(new BenchReport.Run("h264-fixed-rate", 1000, 0.1, 795, 0.9, 0.8, 35.0, 120.0)),
                new RateQuality(RateQuality.METRIC, List.of(26, 28),
                        List.of(new RateQuality.Point(26, 2000, 0.2, 0.98), new RateQuality.Point(28, 1000, 0.1, 0.97)),
                        List.of(new RateQuality.Point(26, 2200, 0.22, 0.98), new RateQuality.Point(28, 1100, 0.11, 0.97)),
                        List.of(0.97, 0.98), -9.09));
        Path file = dir.resolve("report.json");
        report.write(file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(List.of("input", "runs", "rate_quality"), names(json));
        assertEquals(List.of("metric", "crf_values", "cairn", "x264-crf-long-gop", "ssim_overlap", "bd_rate_percent"),
                names(json.get("rate_quality")));
        assertEquals(List.of("path", "width", "height", "fps", "frames", "seconds"), names(json.get("input")));
        assertEquals(List.of("name", "bytes", "kbps", "frames_out", "ssim_mean", "ssim_p05", "psnr_mean", "encode_fps"),
                names(json.get("runs").get(0)));
        assertEquals(report, BenchReport.read(file));
        assertTrue(report.table().contains("h264-fixed-rate"));
        assertTrue(report.table().contains("BD-rate cairn vs x264-crf-long-gop: -9.09 %"), report.table());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
