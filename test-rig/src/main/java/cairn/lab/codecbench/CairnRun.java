package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Cairn's own run: every source frame, at its source timestamp, through the appliance's analysis,
 * still-tile filter, encoder, segmenter and spool (the same classes, the default config) as fast
 * as the machine allows. Cairn's bitrate cap is the reference's rate, as the rate controller would
 * set it on a link of that capacity; the x264 preset is the reference's. With a {@code crf} the
 * encoder aims at that quality instead of the one it picks (a point of the rate-quality curve).
 */
public final class CairnRun implements BenchRun {
    private final BenchSettings settings;
    private final String name;
    private final OptionalInt crf;

    public CairnRun(BenchSettings settings) {
        this(settings, "cairn", OptionalInt.empty());
    }

    public CairnRun(BenchSettings settings, String name, OptionalInt crf) {
        this.settings = settings;
        this.name = name;
        this.crf = crf;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RunResult run(SourceVideo source, Path workDir) throws IOException {
        if (source.width() % 2 != 0 || source.height() % 2 != 0) {
            throw new IOException("cairn encodes even sizes only; " + source.width() + "x" + source.height() + " is odd");
        }
        Path spoolDir = workDir.resolve("cairn-spool");
        List<String> more = new ArrayList<>(List.of("storage.dir=" + spoolDir));
        crf.ifPresent(q -> more.add("encoder.crf=" + q));
        CairnPath.Result r = CairnPath.run(CairnEncoding.config(settings, more), source.width(), source.height(),
                source.fps(), spoolDir,
                sink -> source.forEachFrame(f -> sink.frame(f.index(), Math.round(f.seconds() * 1e9), f.image().data())));
        MpegTsViewer.Watched watched = MpegTsViewer.watch(source, r.segments());
        return new RunResult(watched.bytes(), watched.framesOut(), r.encodeNanos() / 1e9, watched.quality());
    }
}
