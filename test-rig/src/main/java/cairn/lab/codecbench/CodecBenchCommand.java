package cairn.lab.codecbench;

import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab codec-bench} (CONTRACTS.md): runs every {@link BenchRuns} entry on the input, one
 * after another, writes {@code OUT/report.json} and prints the table. Progress goes to stderr.
 */
public final class CodecBenchCommand implements Subcommand {

    @Override
    public String name() {
        return "codec-bench";
    }

    @Override
    public String summary() {
        return "compare Cairn's encoding with reference methods on a video file (size, quality, speed)";
    }

    @Override
    public String usage() {
        return BenchOptions.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        BenchOptions options = BenchOptions.parse(args);
        try {
            BenchReport report = bench(options, err);
            report.write(options.out().resolve("report.json"));
            out.print(report.table());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("lab codec-bench: " + e.getMessage());
            return 1;
        }
    }

    static BenchReport bench(BenchOptions options, PrintStream progress) throws IOException {
        Files.createDirectories(options.out());
        SourceVideo source = SourceVideo.open(options.input(), options.seconds());
        progress.printf("codec-bench: %s, %dx%d, %.3f fps, %d frames, %.2f s%n", source.path(),
                source.width(), source.height(), source.fps(), source.frames(), source.seconds());
        List<BenchReport.Run> runs = new ArrayList<>();
        CairnEncoding encoding = CairnEncoding.of(options.settings(), source.width(), source.height());
        for (BenchRun run : BenchRuns.all(options.settings(), encoding)) {
            Path workDir = Files.createDirectories(options.out().resolve(run.name()));
            long start = System.nanoTime();
            RunResult result = run.run(source, workDir);
            BenchReport.Run row = BenchReport.Run.of(run.name(), result, source);
            progress.printf("codec-bench: %s done in %.1f s (%d bytes, %.1f kbps, ssim %.4f)%n",
                    run.name(), (System.nanoTime() - start) / 1e9, row.bytes(), row.kbps(), row.ssimMean());
            runs.add(row);
        }
        RateQuality rq = RateQuality.measure(source, options.settings(), encoding, runs.get(0),
                runs.stream().filter(r -> r.name().equals(BenchRuns.CRF_LONG_GOP)).findFirst().orElseThrow(),
                options.out(), progress);
        return new BenchReport(BenchReport.Input.of(source), runs, rq);
    }
}
