package cairn.lab.codecbench;

import cairn.app.CameraPipeline;
import cairn.app.Pipelines;
import cairn.bus.EventBus;
import cairn.capture.Frame;
import cairn.config.CairnConfig;
import cairn.config.ConfigException;
import cairn.config.ConfigLoader;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Cairn's own run: every source frame, at its source timestamp, through the appliance's analysis,
 * still-tile filter, encoder, segmenter and spool (the same classes, the default config) as fast
 * as the machine allows. Cairn's bitrate cap is the reference's rate, as the rate controller would
 * set it on a link of that capacity; the x264 preset is the reference's.
 */
public final class CairnRun implements BenchRun {
    private static final String CAMERA = "bench";

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
        deleteTree(spoolDir);
        CairnConfig config = config(spoolDir);
        EventBus bus = new EventBus();
        Spool spool = Spool.open(config.storage().dir(), config.storage().quotaBytes(), 0, bus);
        EncodeClock clock = new EncodeClock();
        long[] last = {0};
        try (CameraPipeline pipeline = Pipelines.create(CAMERA, config, source.fps(), "bench", spool::store,
                () -> true, bus)) {
            source.forEachFrame(f -> {
                long nanos = Math.round(f.seconds() * 1e9);
                last[0] = nanos;
                Frame frame = new Frame(CAMERA, f.index(), source.width(), source.height(), f.image().data(), nanos,
                        nanos / 1_000_000);
                clock.time(() -> pipeline.process(frame));
            });
            long end = last[0] + Math.round(1e9 / source.fps());
            clock.time(() -> pipeline.finish(end, end / 1_000_000));
        }
        List<Path> segments = new ArrayList<>();
        for (SegmentInfo s : spool.segments(CAMERA)) {
            segments.add(spool.file(s));
        }
        MpegTsViewer.Watched watched = MpegTsViewer.watch(source, segments);
        return new RunResult(watched.bytes(), watched.framesOut(), clock.seconds(), watched.quality());
    }

    /** A spool left by an earlier run would be recovered and counted: start empty. */
    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
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
