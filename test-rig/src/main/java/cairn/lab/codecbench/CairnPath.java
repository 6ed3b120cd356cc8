package cairn.lab.codecbench;

import cairn.app.CameraPipeline;
import cairn.app.Pipelines;
import cairn.bus.EventBus;
import cairn.capture.Frame;
import cairn.config.CairnConfig;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drives the appliance's own recording path (the classes the Pi runs) with frames from the lab, as
 * fast as they come, into a fresh spool; for codec-bench and encode-bench.
 */
public final class CairnPath {
    /** Receives frames: index, time from the first frame in nanoseconds, I420 pixels. */
    public interface Sink {
        void frame(int index, long nanos, byte[] i420) throws IOException;
    }

    /** Calls the sink once per frame, in order. */
    public interface Feed {
        void into(Sink sink) throws IOException;
    }

    /** What one pass produced; {@code encodeNanos} counts only the time inside Cairn's path. */
    public record Result(long encodeNanos, long framesKept, List<Path> segments) {}

    private static final String CAMERA = "bench";

    private CairnPath() {}

    public static Result run(CairnConfig config, int width, int height, double fps, Path spoolDir, Feed feed)
            throws IOException {
        deleteTree(spoolDir);
        EventBus bus = new EventBus();
        Spool spool = Spool.open(spoolDir, config.storage().quotaBytes(), 0, bus);
        long[] elapsed = {0};
        long[] last = {0};
        long kept;
        try (CameraPipeline pipeline = Pipelines.create(CAMERA, config, fps, "bench", spool::store, () -> true, bus)) {
            feed.into((index, nanos, i420) -> {
                last[0] = nanos;
                Frame frame = new Frame(CAMERA, index, width, height, i420, nanos, nanos / 1_000_000);
                long start = System.nanoTime();
                pipeline.process(frame);
                elapsed[0] += System.nanoTime() - start;
            });
            long end = last[0] + Math.round(1e9 / fps);
            long start = System.nanoTime();
            pipeline.finish(end, end / 1_000_000);
            elapsed[0] += System.nanoTime() - start;
            kept = pipeline.framesKept();
        }
        List<Path> segments = new ArrayList<>();
        for (SegmentInfo s : spool.segments(CAMERA)) {
            segments.add(spool.file(s));
        }
        return new Result(elapsed[0], kept, segments);
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
}
