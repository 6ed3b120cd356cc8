package cairn.lab.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Generates small H.264 clips with Debian's ffmpeg CLI, so tests need no video files from outside the repository.
 *
 * <p>Clips are H.264 (x264, yuv420p, a key frame every 2 s, no B-frames) in MP4 with the index at the front. Each
 * call blocks the caller's thread for at most {@link #TIMEOUT} and throws {@link IOException} when ffmpeg fails.
 */
public final class TestClips {

    public static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String FFMPEG = "/usr/bin/ffmpeg";

    private TestClips() {}

    /** ffmpeg's testsrc2: moving shapes and a running counter over colour bars, different in every frame. */
    public static Path motion(Path dir, ClipFormat format) throws IOException {
        return generate(dir, "motion", format, "testsrc2=size=%dx%d:rate=%d".formatted(
                format.width(), format.height(), format.fps()));
    }

    /** A still scene (SMPTE bars) with slight temporal noise, like a fixed camera watching nothing happen. */
    public static Path stillWithNoise(Path dir, ClipFormat format) throws IOException {
        return generate(dir, "still", format, "smptebars=size=%dx%d:rate=%d,noise=alls=6:allf=t".formatted(
                format.width(), format.height(), format.fps()));
    }

    /**
     * A flat grey picture whose brightness rises steadily from luma 20 to 220 over the clip, so a replay of the clip
     * from its start shows up as a drop in {@link Ffprobe#lumaPerFrame}.
     */
    public static Path brightnessRamp(Path dir, ClipFormat format) throws IOException {
        double perSecond = 200 / format.seconds();
        return generate(dir, "ramp", format,
                String.format(Locale.ROOT, "color=c=black:size=%dx%d:rate=%d,format=yuv420p,geq=lum='20+%.4f*T':cb=128:cr=128",
                        format.width(), format.height(), format.fps(), perSecond));
    }

    /**
     * Cuts a clip into MPEG-TS segments of about {@code segmentSeconds} each, at any frame rather than at key frames,
     * as a time-driven segmenter would; returns them in playing order.
     */
    public static List<Path> tsSegmentsIgnoringKeyFrames(Path clip, Path dir, double segmentSeconds)
            throws IOException {
        Path segmentDir = Files.createDirectories(dir.resolve(stem(clip) + "-segments"));
        ExternalCommand.runChecked(List.of(FFMPEG, "-nostdin", "-v", "error", "-y", "-i", clip.toString(),
                "-map", "0:v:0", "-c", "copy", "-f", "segment", "-segment_format", "mpegts",
                "-segment_time", Double.toString(segmentSeconds), "-break_non_keyframes", "1",
                segmentDir.resolve("segment-%04d.ts").toString()), TIMEOUT);
        try (Stream<Path> files = Files.list(segmentDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".ts")).sorted().toList();
        }
    }

    private static Path generate(Path dir, String kind, ClipFormat format, String lavfiSource) throws IOException {
        Files.createDirectories(dir);
        Path clip = dir.resolve(kind + "-" + format.fileStem() + ".mp4");
        ExternalCommand.runChecked(List.of(FFMPEG, "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", lavfiSource, "-frames:v", Long.toString(format.frames()),
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-bf", "0",
                "-g", Integer.toString(2 * format.fps()), "-movflags", "+faststart", clip.toString()), TIMEOUT);
        return clip;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
