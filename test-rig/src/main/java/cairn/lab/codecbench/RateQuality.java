package cairn.lab.codecbench;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Cairn against plain x264 ({@code x264-crf-long-gop}) at several CRF values around the one Cairn
 * picks, and the BD-rate between the two curves ({@link BdRate}): the figure that says whether
 * Cairn's analysis buys anything over the one-line ffmpeg command at equal quality.
 */
@JsonPropertyOrder({"metric", "crf_values", "cairn", "x264-crf-long-gop", "ssim_overlap", "bd_rate_percent"})
public record RateQuality(
        String metric,
        @JsonProperty("crf_values") List<Integer> crfValues,
        List<Point> cairn,
        @JsonProperty("x264-crf-long-gop") List<Point> reference,
        @JsonProperty("ssim_overlap") List<Double> ssimOverlap,
        @JsonProperty("bd_rate_percent") Double bdRatePercent) {

    /** CRF values relative to Cairn's own: from better than it (more bytes) to worse. */
    static final int[] CRF_OFFSETS = {-2, 0, 2, 4};
    static final String METRIC = "BD-rate of cairn against x264-crf-long-gop: mean difference of log(bytes) at equal"
            + " ssim_mean over the SSIM range both cover, PCHIP interpolation over SSIM in dB (-10 log10(1 - SSIM));"
            + " negative = cairn needs fewer bytes";

    @JsonPropertyOrder({"crf", "bytes", "kbps", "ssim_mean"})
    public record Point(int crf, long bytes, double kbps, @JsonProperty("ssim_mean") double ssimMean) {

        static Point of(int crf, BenchReport.Run run) {
            return new Point(crf, run.bytes(), run.kbps(), run.ssimMean());
        }

        BdRate.Point bd() {
            return new BdRate.Point(bytes, ssimMean);
        }
    }

    /**
     * Runs the points not yet measured ({@code cairnAtOwn} and {@code referenceAtOwn} are the
     * offset-0 ones) under {@code out/rate-quality/}.
     */
    static RateQuality measure(SourceVideo source, BenchSettings settings, CairnEncoding encoding,
            BenchReport.Run cairnAtOwn, BenchReport.Run referenceAtOwn, Path out, PrintStream progress)
            throws IOException {
        List<Point> cairn = new ArrayList<>();
        List<Point> reference = new ArrayList<>();
        List<Integer> crfs = new ArrayList<>();
        for (int offset : CRF_OFFSETS) {
            int crf = encoding.crf() + offset;
            crfs.add(crf);
            if (offset == 0) {
                cairn.add(Point.of(crf, cairnAtOwn));
                reference.add(Point.of(crf, referenceAtOwn));
                continue;
            }
            cairn.add(Point.of(crf, run(new CairnRun(settings, "cairn-crf" + crf, OptionalInt.of(crf)), source, out, progress)));
            reference.add(Point.of(crf, run(new X264Run("x264-crf-long-gop-crf" + crf, encoding.reference(settings, crf)),
                    source, out, progress)));
        }
        List<BdRate.Point> c = cairn.stream().map(Point::bd).toList();
        List<BdRate.Point> r = reference.stream().map(Point::bd).toList();
        OptionalDouble bd = BdRate.percent(c, r);
        double[] overlap = BdRate.overlap(c, r);
        return new RateQuality(METRIC, crfs, cairn, reference, round(overlap, 5),
                bd.isPresent() ? Math.round(bd.getAsDouble() * 100) / 100.0 : null);
    }

    private static BenchReport.Run run(BenchRun run, SourceVideo source, Path out, PrintStream progress) throws IOException {
        Path workDir = Files.createDirectories(out.resolve("rate-quality").resolve(run.name()));
        BenchReport.Run row = BenchReport.Run.of(run.name(), run.run(source, workDir), source);
        progress.printf("codec-bench: rate-quality %s: %d bytes, ssim %.4f%n", run.name(), row.bytes(), row.ssimMean());
        return row;
    }

    private static List<Double> round(double[] values, int decimals) {
        double scale = Math.pow(10, decimals);
        return java.util.Arrays.stream(values).map(v -> Math.round(v * scale) / scale).boxed().toList();
    }

    /** The comparison as lines for people, under the runs' table. */
    String table() {
        StringBuilder text = new StringBuilder("rate-quality (cap and preset as above):\n");
        text.append(String.format("%-6s %12s %10s %12s %10s%n", "crf", "cairn bytes", "ssim", "x264 bytes", "ssim"));
        for (int i = 0; i < cairn.size(); i++) {
            text.append(String.format("%-6d %12d %10.4f %12d %10.4f%n", crfValues.get(i), cairn.get(i).bytes(),
                    cairn.get(i).ssimMean(), reference.get(i).bytes(), reference.get(i).ssimMean()));
        }
        text.append(bdRatePercent == null ? "BD-rate: the SSIM ranges do not overlap\n"
                : String.format("BD-rate cairn vs x264-crf-long-gop: %+.2f %% (at equal SSIM)%n", bdRatePercent));
        return text.toString();
    }
}
