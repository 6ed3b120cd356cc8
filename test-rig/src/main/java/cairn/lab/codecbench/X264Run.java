package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A reference run through libx264 alone (see {@link X264Settings}): every source frame at its
 * source timestamp into {@code workDir/NAME.ts}, then that file decoded and scored as a viewer sees
 * it. {@code h264-fixed-rate} and {@code x264-crf-long-gop} are two of these.
 */
public final class X264Run implements BenchRun {

    private final String name;
    private final X264Settings settings;

    public X264Run(String name, X264Settings settings) {
        this.name = name;
        this.settings = settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RunResult run(SourceVideo source, Path workDir) throws IOException {
        Path output = workDir.resolve(name + ".ts");
        EncodeClock clock = new EncodeClock();
        try (X264TsWriter writer = new X264TsWriter(output, source.width(), source.height(), source.fps(), settings)) {
            source.forEachFrame(frame -> clock.time(() -> writer.write(frame.image(), frame.seconds())));
            clock.time(writer::finish);
        }
        MpegTsViewer.Watched watched = MpegTsViewer.watch(source, List.of(output));
        return new RunResult(watched.bytes(), watched.framesOut(), clock.seconds(), watched.quality());
    }
}
