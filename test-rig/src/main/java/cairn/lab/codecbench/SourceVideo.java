package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The input of a benchmark: a video file, optionally cut to its first N seconds. Opening it scans
 * the file once for frame count and timestamps; {@link #forEachFrame} decodes it again each time,
 * so no run holds the whole clip in memory. Timestamps are seconds from the first frame.
 */
public final class SourceVideo {

    /** Receives source frames in order; may throw to abort the pass. */
    @FunctionalInterface
    public interface FrameConsumer {
        void accept(SourceFrame frame) throws IOException;
    }

    private static final double DEFAULT_FRAME_INTERVAL = 1 / 25.0;

    private final Path path;
    private final int width;
    private final int height;
    private final double fps;
    private final double[] timestamps;

    private SourceVideo(Path path, int width, int height, double fps, double[] timestamps) {
        this.path = path;
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.timestamps = timestamps;
    }

    /**
     * Scans the file; {@code limitSeconds} keeps only frames earlier than that many seconds. A frame
     * whose timestamp is missing or not after the previous one (as for the last frame flushed from
     * an MPEG-4 decoder with packed B-frames) is placed one nominal frame interval after it.
     */
    public static SourceVideo open(Path path, OptionalDouble limitSeconds) throws IOException {
        double limit = limitSeconds.orElse(Double.POSITIVE_INFINITY);
        try (VideoReader reader = VideoReader.open(path)) {
            double interval = reader.fps() > 0 ? 1 / reader.fps() : DEFAULT_FRAME_INTERVAL;
            double[] stamps = new double[1024];
            int count = 0;
            long first = 0;
            for (VideoReader.Decoded frame = reader.nextTimestampOnly(); frame != null; frame = reader.nextTimestampOnly()) {
                if (count == 0) {
                    first = frame.timestampMicros();
                }
                double seconds = (frame.timestampMicros() - first) / 1e6;
                if (count > 0 && seconds <= stamps[count - 1]) {
                    seconds = stamps[count - 1] + interval;
                }
                if (seconds >= limit) {
                    break;
                }
                if (count == stamps.length) {
                    stamps = Arrays.copyOf(stamps, count * 2);
                }
                stamps[count++] = seconds;
            }
            if (count == 0) {
                throw new IOException(path + ": no video frames" + (limitSeconds.isPresent() ? " in the first " + limit + " s" : ""));
            }
            return new SourceVideo(path, reader.width(), reader.height(), reader.fps(), Arrays.copyOf(stamps, count));
        }
    }

    public Path path() {
        return path;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The container's nominal rate, or the mean rate of the frames when it states none. */
    public double fps() {
        if (fps > 0) {
            return fps;
        }
        return frames() > 1 ? (frames() - 1) / timestamps[frames() - 1] : 1;
    }

    public int frames() {
        return timestamps.length;
    }

    /** Duration shown to a viewer: from the first frame to the end of the last one (frames / fps for constant rate). */
    public double seconds() {
        return timestamps[frames() - 1] + 1 / fps();
    }

    public double timestamp(int index) {
        return timestamps[index];
    }

    /** Decodes the file again and hands each of the first {@link #frames()} frames to the consumer, with the scan's timestamps. */
    public void forEachFrame(FrameConsumer consumer) throws IOException {
        try (VideoReader reader = VideoReader.open(path)) {
            for (int index = 0; index < frames(); index++) {
                VideoReader.Decoded frame = reader.next();
                if (frame == null) {
                    throw new IOException(path + ": ended after " + index + " frames, the scan found " + frames());
                }
                consumer.accept(new SourceFrame(index, timestamps[index], frame.image()));
            }
        }
    }
}
