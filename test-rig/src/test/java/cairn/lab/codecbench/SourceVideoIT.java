package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceVideoIT {

    @TempDir
    Path dir;

    @Test
    void readsSizeRateFramesAndTimestamps() throws Exception {
        Path clip = FfmpegCli.testPattern(dir.resolve("clip.mkv"), 160, 120, 25, 2, 0);
        SourceVideo source = SourceVideo.open(clip, OptionalDouble.empty());
        assertEquals(160, source.width());
        assertEquals(120, source.height());
        assertEquals(25.0, source.fps(), 1e-9);
        assertEquals(50, source.frames());
        assertEquals(2.0, source.seconds(), 1e-9);
        assertEquals(0.0, source.timestamp(0));
        assertEquals(1.96, source.timestamp(49), 1e-6);
    }

    @Test
    void secondsLimitKeepsOnlyEarlierFrames() throws Exception {
        Path clip = FfmpegCli.testPattern(dir.resolve("clip.mkv"), 160, 120, 25, 2, 0);
        SourceVideo source = SourceVideo.open(clip, OptionalDouble.of(0.5));
        assertEquals(13, source.frames());
        List<Double> seen = new ArrayList<>();
        source.forEachFrame(frame -> seen.add(frame.seconds()));
        assertEquals(13, seen.size());
        assertEquals(0.48, seen.get(12), 1e-6);
    }

    /** FFmpeg flushes the last frame of an MPEG-4 AVI with B-frames without a timestamp, as in the bgslibrary clips. */
    @Test
    void aFrameWithoutTimestampFollowsThePreviousOne() throws Exception {
        Path clip = dir.resolve("bframes.avi");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25:duration=2", "-c:v", "mpeg4", "-bf", "2", clip.toString());
        SourceVideo source = SourceVideo.open(clip, OptionalDouble.empty());
        assertEquals(50, source.frames());
        assertEquals(1.92, source.timestamp(48), 1e-6);
        assertEquals(1.96, source.timestamp(49), 1e-6);
        assertEquals(2.0, source.seconds(), 1e-6);
    }

    /** 330 pixels is not a multiple of 64, so JavaCV pads the stride: the luma must still match FFmpeg's own. */
    @Test
    void lumaMatchesFfmpegWhenTheStrideIsPadded() throws Exception {
        Path clip = FfmpegCli.testPattern(dir.resolve("odd.mkv"), 330, 246, 10, 0.5, 20);
        Path raw = dir.resolve("odd.gray");
        FfmpegCli.run("-i", clip.toString(), "-vf", "extractplanes=y", "-f", "rawvideo", raw.toString());
        GreyImage[] expected = FfmpegCli.readGreyFrames(raw, 330, 246);

        SourceVideo source = SourceVideo.open(clip, OptionalDouble.empty());
        assertEquals(expected.length, source.frames());
        source.forEachFrame(frame -> assertArrayEquals(expected[frame.index()].pixels(), frame.image().luma().pixels(),
                "luma of frame " + frame.index()));
    }
}
