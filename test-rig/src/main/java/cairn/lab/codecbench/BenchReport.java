package cairn.lab.codecbench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code report.json} of codec-bench, in the shape CONTRACTS.md fixes. */
@JsonPropertyOrder({"input", "runs", "rate_quality"})
public record BenchReport(Input input, List<Run> runs, @JsonProperty("rate_quality") RateQuality rateQuality) {

    @JsonPropertyOrder({"path", "width", "height", "fps", "frames", "seconds"})
    public record Input(String path, int width, int height, double fps, int frames, double seconds) {

        public static Input of(SourceVideo source) {
            return new Input(source.path().toString(), source.width(), source.height(),
                    round(source.fps(), 3), source.frames(), round(source.seconds(), 3));
        }
    }

    @JsonPropertyOrder({"name", "bytes", "kbps", "frames_out", "ssim_mean", "ssim_p05", "psnr_mean", "encode_fps"})
    public record Run(
            String name,
            long bytes,
            double kbps,
            @JsonProperty("frames_out") int framesOut,
            @JsonProperty("ssim_mean") double ssimMean,
            @JsonProperty("ssim_p05") double ssimP05,
            @JsonProperty("psnr_mean") double psnrMean,
            @JsonProperty("encode_fps") double encodeFps) {

        /** kbps over the input's duration; encode_fps = source frames / encoding seconds. */
        public static Run of(String name, RunResult result, SourceVideo source) {
            QualitySummary q = result.quality();
            double kbps = result.bytes() * 8 / source.seconds() / 1000;
            double encodeFps = result.encodeSeconds() > 0 ? source.frames() / result.encodeSeconds() : 0;
            return new Run(name, result.bytes(), round(kbps, 2), result.framesOut(),
                    round(q.ssimMean(), 5), round(q.ssimP05(), 5), round(q.psnrMean(), 3), round(encodeFps, 1));
        }
    }

    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    public static BenchReport read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), BenchReport.class);
    }

    /** The report as a fixed-width table for people. */
    public String table() {
        StringBuilder text = new StringBuilder(String.format("input %s: %dx%d, %.3f fps, %d frames, %.2f s%n",
                input.path(), input.width(), input.height(), input.fps(), input.frames(), input.seconds()));
        text.append(String.format("%-20s %10s %9s %10s %9s %9s %9s %10s%n",
                "run", "bytes", "kbps", "frames_out", "ssim_mean", "ssim_p05", "psnr_mean", "encode_fps"));
        for (Run run : runs) {
            text.append(String.format("%-20s %10d %9.1f %10d %9.4f %9.4f %9.2f %10.1f%n",
                    run.name(), run.bytes(), run.kbps(), run.framesOut(), run.ssimMean(), run.ssimP05(), run.psnrMean(), run.encodeFps()));
        }
        if (rateQuality != null) {
            text.append(rateQuality.table());
        }
        return text.toString();
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
