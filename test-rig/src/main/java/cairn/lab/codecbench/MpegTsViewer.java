package cairn.lab.codecbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Watches MPEG-TS output the way a viewer does and scores it against every source frame (see
 * {@link ViewerComparison}). The output is one file or an ordered list of segments read as one
 * stream; its pts must be seconds from the first source frame (90 kHz ticks), continuous across
 * segments.
 */
public final class MpegTsViewer {

    /** Total size of the files, frames decoded from them, and the viewer's quality. */
    public record Watched(long bytes, int framesOut, QualitySummary quality) {}

    private MpegTsViewer() {}

    public static Watched watch(SourceVideo source, List<Path> segments) throws IOException {
        long bytes = 0;
        for (Path segment : segments) {
            bytes += Files.size(segment);
        }
        try (MpegTsDecoder decoded = MpegTsDecoder.openSegments(segments, MpegTsDecoder.H264_ORIGIN_SECONDS)) {
            ViewerComparison viewer = new ViewerComparison(decoded);
            source.forEachFrame(frame -> viewer.compare(frame.luma()));
            viewer.drain();
            return new Watched(bytes, viewer.shownCount(), viewer.scores().summary());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
