package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reference "h264-fixed-rate": every source frame at its source timestamp through libx264 at a
 * constant bitrate (see {@link X264Settings}) into {@code workDir/h264-fixed-rate.ts}, then that
 * file decoded and scored as a viewer sees it.
 */
public final class H264FixedRateRun implements BenchRun {

    private final X264Settings settings;

    public H264FixedRateRun(X264Settings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "h264-fixed-rate";
    }

    @Override
    public RunResult run(SourceVideo source, Path workDir) throws IOException {
        Path output = workDir.resolve(name() + ".ts");
        EncodeClock clock = new EncodeClock();
        try (X264TsWriter writer = new X264TsWriter(output, source.width(), source.height(), source.fps(), settings)) {
            source.forEachFrame(frame -> clock.time(() -> writer.write(frame.image(), frame.seconds())));
            clock.time(writer::finish);
        }
        MpegTsViewer.Watched watched = MpegTsViewer.watch(source, List.of(output));
        return new RunResult(watched.bytes(), watched.framesOut(), clock.seconds(), watched.quality());
    }
}
