package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class FfprobeIT {

    private static final ClipFormat THREE_SECONDS = new ClipFormat(320, 240, 10, 3.0);

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @Test
    void aGoodClipProbesAsGeneratedAndDecodesCleanly() throws IOException {
        Path clip = TestClips.motion(dir, THREE_SECONDS);

        VideoProbe probe = ffprobe.probe(clip);

        assertEquals("h264", probe.codec());
        assertEquals(List.of(320, 240), List.of(probe.width(), probe.height()));
        assertEquals(30, probe.frames());
        assertEquals(3.0, probe.durationSeconds(), 0.05);
        assertEquals(0.0, probe.firstPtsSeconds(), 0.001);
        assertEquals(2.9, probe.lastPtsSeconds(), 0.001);
        assertTrue(probe.hasKeyFrame());
        assertEquals(List.of(), ffprobe.decodesCleanly(clip));
    }

    @Test
    void aTruncatedClipDoesNotDecodeCleanly() throws IOException {
        Path clip = TestClips.motion(dir, THREE_SECONDS);
        byte[] bytes = Files.readAllBytes(clip);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));

        assertFalse(ffprobe.decodesCleanly(truncated).isEmpty());
    }

    @Test
    void garbageIsNoVideo() throws IOException {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path garbage = Files.write(dir.resolve("garbage.ts"), noise);

        assertThrows(IOException.class, () -> ffprobe.probe(garbage));
        assertFalse(ffprobe.decodesCleanly(garbage).isEmpty());
    }

    @Test
    void segmentsCutBetweenKeyFramesDecodeCleanlyOnlyTogether() throws IOException {
        Path clip = TestClips.motion(dir, THREE_SECONDS);
        List<Path> segments = TestClips.tsSegmentsIgnoringKeyFrames(clip, dir, 0.5);

        assertTrue(segments.size() >= 5, "segments: " + segments);
        assertFalse(ffprobe.decodesCleanly(segments.get(1)).isEmpty(), "a segment without a key frame alone");
        assertEquals(List.of(), ffprobe.decodesCleanly(segments));
        VideoProbe whole = ffprobe.probe(segments);
        assertEquals(30, whole.frames());
        assertEquals(2.9, whole.ptsSpanSeconds(), 0.001);
    }

    @Test
    void lumaFollowsTheBrightnessRamp() throws IOException {
        List<Double> luma = ffprobe.lumaPerFrame(TestClips.brightnessRamp(dir, THREE_SECONDS));

        assertEquals(30, luma.size());
        assertEquals(20, luma.get(0), 2);
        assertEquals(20 + 200 * 2.9 / 3, luma.get(29), 2);
    }
}
