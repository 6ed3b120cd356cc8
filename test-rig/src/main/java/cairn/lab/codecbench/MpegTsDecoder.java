package cairn.lab.codecbench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Decodes MPEG-TS output as a viewer's player would: one file, or a list of segment files read as
 * ONE byte stream in the given order (so a segment need not start with a key frame, and the
 * decoder keeps its state across boundaries; frames before the first key frame are dropped).
 * Yields luma with timestamps in seconds as written in the stream, less an {@code origin} the writer
 * states: H.264 runs start their clock at {@link #H264_ORIGIN_SECONDS}, so that the decode times of
 * B-frames stay positive and no muxer shifts anything. I/O errors surface as
 * {@link UncheckedIOException} from {@link #next}. Not thread-safe.
 */
public final class MpegTsDecoder implements Iterator<TimedGrey>, AutoCloseable {

    private final VideoReader reader;
    private final InputStream bytes;
    private VideoReader.Decoded pending;
    private boolean ended;
    /** Where the H.264 runs (Cairn's and the fixed-rate reference) put the first source frame. */
    public static final double H264_ORIGIN_SECONDS = cairn.app.CameraPipeline.PTS_ORIGIN_SECONDS;

    private long originMicros;

    private MpegTsDecoder(VideoReader reader, InputStream bytes, double originSeconds) {
        this.reader = reader;
        this.bytes = bytes;
        this.originMicros = Math.round(originSeconds * 1e6);
    }

    public static MpegTsDecoder open(Path file) throws IOException {
        return openSegments(List.of(file), 0);
    }

    public static MpegTsDecoder openSegments(List<Path> segments) throws IOException {
        return openSegments(segments, 0);
    }

    /** Decodes the segments as one stream; timestamps count from {@code originSeconds}. */
    public static MpegTsDecoder openSegments(List<Path> segments, double originSeconds) throws IOException {
        if (segments.isEmpty()) {
            throw new IOException("no MPEG-TS segments to decode");
        }
        List<InputStream> streams = new ArrayList<>();
        for (Path segment : segments) {
            streams.add(new LazyFileStream(segment));
        }
        InputStream joined = new BufferedInputStream(new SequenceInputStream(Collections.enumeration(streams)), 1 << 16);
        String name = segments.size() == 1 ? segments.get(0).toString() : segments.size() + " segments from " + segments.get(0);
        try {
            return new MpegTsDecoder(VideoReader.open(joined, "mpegts", name), joined, originSeconds);
        } catch (IOException | RuntimeException e) {
            joined.close();
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !ended) {
            try {
                pending = reader.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ended = pending == null;
        }
        return pending != null;
    }

    @Override
    public TimedGrey next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        VideoReader.Decoded frame = pending;
        pending = null;
        return new TimedGrey((frame.timestampMicros() - originMicros) / 1e6, frame.image().luma());
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            bytes.close();
        }
    }

    /** Opens its file on first read, so a long list of segments does not hold every file open. */
    private static final class LazyFileStream extends InputStream {
        private final Path path;
        private InputStream in;

        LazyFileStream(Path path) {
            this.path = path;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = Files.newInputStream(path);
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
