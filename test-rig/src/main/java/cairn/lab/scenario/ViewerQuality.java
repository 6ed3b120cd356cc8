package cairn.lab.scenario;

import cairn.lab.codecbench.FrameScores;
import cairn.lab.codecbench.GreyImage;
import cairn.lab.codecbench.MpegTsDecoder;
import cairn.lab.codecbench.QualitySummary;
import cairn.lab.codecbench.SourceVideo;
import cairn.lab.codecbench.TimedGrey;
import cairn.lab.codecbench.VideoReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The quality of what arrived, as a viewer of the received HLS sees it, against the clip the camera looped.
 *
 * <p>Alignment: the camera plays the clip in real time, in a loop, from a moment the lab does not control, and the
 * appliance stamps frames with its own capture clock; so each received frame's source frame is found by content
 * ({@link LoopAlignment}). A viewer holds each received frame until the next one, during which the camera played
 * {@code fps × gap} source frames: frame {@code j}, matched to source frame {@code s}, is compared with source frames
 * {@code s, s+1, …} (modulo the clip) for as many frames as it stays on screen. So frames Cairn skipped, or lost at
 * capture, count against the frame shown instead, as in codec-bench. SSIM is full-resolution luma
 * ({@link cairn.lab.codecbench.QualityMeter}), the received picture scaled to the clip's size if it differs.
 *
 * <p>What it cannot see: the camera's own re-encoding (the RTSP emulator's x264) is part of what is measured, and a
 * source frame is only known to a frame or two where the scene hardly changes (there it matters little).
 */
final class ViewerQuality {

    private ViewerQuality() {}

    /** Scores {@code segments} (read as one stream, in order) against {@code clip}; {@code log} gets progress. */
    static Map<String, Object> measure(Path clip, List<Path> segments, java.io.PrintStream log) throws IOException {
        SourceVideo source = SourceVideo.open(clip, OptionalDouble.empty());
        double fps = source.fps();
        List<int[]> sourceThumbs = new ArrayList<>(source.frames());
        source.forEachFrame(f -> sourceThumbs.add(LoopAlignment.thumbnail(f.image().luma())));
        LoopAlignment alignment = new LoopAlignment(sourceThumbs, fps);
        try (MpegTsDecoder received = MpegTsDecoder.openSegments(segments, MpegTsDecoder.H264_ORIGIN_SECONDS)) {
            while (received.hasNext()) {
                TimedGrey frame = received.next();
                alignment.add(frame.seconds(), LoopAlignment.thumbnail(frame.image()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        List<Double> times = alignment.times();
        Map<String, Object> m = new LinkedHashMap<>();
        if (times.isEmpty()) {
            m.put("ssim_mean", null);
            m.put("note", "no frame decoded from the received segments");
            return m;
        }
        log.printf("scenario: quality: %d received frames aligned to %s (%d frames, %.3f fps), scoring...%n",
                times.size(), clip.getFileName(), source.frames(), fps);
        int[] held = LoopAlignment.heldFrames(times, fps);
        List<Integer> matches = alignment.matches();
        FrameScores scores = new FrameScores();
        try (MpegTsDecoder received = MpegTsDecoder.openSegments(segments, MpegTsDecoder.H264_ORIGIN_SECONDS);
                SourceCursor clipFrames = new SourceCursor(clip, source.frames(), 2 * alignment.window() + 2)) {
            for (int j = 0; received.hasNext() && j < held.length; j++) {
                GreyImage shown = received.next().image();
                for (int k = 0; k < held[j]; k++) {
                    GreyImage original = clipFrames.frame(Math.floorMod(matches.get(j) + k, source.frames()));
                    scores.compare(original, shown.scaledTo(original.width(), original.height()));
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        QualitySummary q = scores.summary();
        m.put("ssim_mean", LinkFigures.round4(q.ssimMean()));
        m.put("ssim_p05", LinkFigures.round4(q.ssimP05()));
        m.put("psnr_mean_db", LinkFigures.round1(q.psnrMean()));
        m.put("source_frames_scored", q.frames());
        m.put("received_frames", times.size());
        m.put("received_seconds", LinkFigures.round1(times.get(times.size() - 1) - times.get(0)));
        m.put("alignment", Map.of(
                "method", "each received frame matched by content (64x36 thumbnails, mean absolute difference) within"
                        + " +-" + alignment.window() + " frames of where the previous match and the elapsed capture"
                        + " time put it; a whole-clip search every " + (int) LoopAlignment.RESEARCH_SECONDS
                        + " s of stream; each received frame scored against the source frames it was on screen for",
                "median_thumbnail_distance", LinkFigures.round1(alignment.medianDistance()),
                "reanchors", alignment.reanchors()));
        return m;
    }

    /**
     * Source frames by index, decoding the clip forward and starting again from its beginning when asked for an
     * earlier frame than it keeps; keeps the last {@code keep} frames for the small steps back a match can take.
     */
    private static final class SourceCursor implements AutoCloseable {
        private final Path clip;
        private final int frames;
        private final int keep;
        private final Map<Integer, GreyImage> recent = new LinkedHashMap<>();
        private VideoReader reader;
        private int next;

        SourceCursor(Path clip, int frames, int keep) {
            this.clip = clip;
            this.frames = frames;
            this.keep = keep;
        }

        GreyImage frame(int index) throws IOException {
            GreyImage kept = recent.get(index);
            if (kept != null) {
                return kept;
            }
            if (reader == null || index < next) {
                close();
                reader = VideoReader.open(clip);
                next = 0;
                recent.clear();
            }
            while (true) {
                boolean far = index - next > keep;
                VideoReader.Decoded d = far ? reader.nextTimestampOnly() : reader.next();
                if (d == null || next >= frames) {
                    throw new IOException(clip + " ended before frame " + index);
                }
                int i = next++;
                if (i == index) {
                    GreyImage luma = d.image().luma();
                    recent.put(i, luma);
                    if (recent.size() > keep) {
                        recent.remove(recent.keySet().iterator().next());
                    }
                    return luma;
                }
                if (!far) {
                    recent.put(i, d.image().luma());
                    if (recent.size() > keep) {
                        recent.remove(recent.keySet().iterator().next());
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }
}
