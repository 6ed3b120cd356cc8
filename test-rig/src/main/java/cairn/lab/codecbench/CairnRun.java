package cairn.lab.codecbench;

import cairn.config.CairnConfig;
import cairn.config.ConfigException;
import cairn.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cairn's own run: every source frame, at its source timestamp, through the appliance's analysis,
 * still-tile filter, encoder, segmenter and spool (the same classes, the default config) as fast
 * as the machine allows. Cairn's bitrate cap is the reference's rate, as the rate controller would
 * set it on a link of that capacity; the x264 preset is the reference's.
 */
public final class CairnRun implements BenchRun {
    private final BenchSettings settings;

    public CairnRun(BenchSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "cairn";
    }

    @Override
    public RunResult run(SourceVideo source, Path workDir) throws IOException {
        if (source.width() % 2 != 0 || source.height() % 2 != 0) {
            throw new IOException("cairn encodes even sizes only; " + source.width() + "x" + source.height() + " is odd");
        }
        Path spoolDir = workDir.resolve("cairn-spool");
        CairnPath.Result r = CairnPath.run(config(spoolDir), source.width(), source.height(), source.fps(), spoolDir,
                sink -> source.forEachFrame(f -> sink.frame(f.index(), Math.round(f.seconds() * 1e9), f.image().data())));
        MpegTsViewer.Watched watched = MpegTsViewer.watch(source, r.segments());
        return new RunResult(watched.bytes(), watched.framesOut(), r.encodeNanos() / 1e9, watched.quality());
    }

    private CairnConfig config(Path spoolDir) throws IOException {
        List<String> sets = new ArrayList<>();
        sets.add("storage.dir=" + spoolDir);
        sets.add("storage.quota=1TiB");
        sets.add("encoder.codec=libx264");
        sets.add("encoder.preset=" + settings.x264Preset());
        sets.add("encoder.max_kbps=" + settings.kbps());
        sets.addAll(settings.cairnSets());
        try {
            return ConfigLoader.load(Optional.empty(), sets);
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
