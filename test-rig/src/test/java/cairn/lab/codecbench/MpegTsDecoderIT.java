package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpegTsDecoderIT {

    private static final int TS_PACKET = 188;

    @TempDir
    Path dir;

    private SourceVideo source;
    private Path stream;

    @BeforeEach
    void encodeAFourSecondClip() throws Exception {
        source = SourceVideo.open(FfmpegCli.testPattern(dir.resolve("clip.mkv"), 320, 240, 25, 4, 0), OptionalDouble.empty());
        stream = dir.resolve("out.ts");
        try (X264TsWriter writer = new X264TsWriter(stream, 320, 240, source.fps(), X264Settings.liveStreaming(400, "veryfast", "zerolatency"))) {
            source.forEachFrame(frame -> writer.write(frame.image(), frame.seconds()));
            writer.finish();
        }
    }

    private static List<TimedGrey> decodeAll(MpegTsDecoder decoder) throws Exception {
        List<TimedGrey> frames = new ArrayList<>();
        try (decoder) {
            decoder.forEachRemaining(frames::add);
        }
        return frames;
    }

    @Test
    void everyFrameComesBackAtItsSourceTimestamp() throws Exception {
        List<TimedGrey> frames = decodeAll(MpegTsDecoder.openSegments(List.of(stream), MpegTsDecoder.H264_ORIGIN_SECONDS));
        assertEquals(source.frames(), frames.size());
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(source.timestamp(i), frames.get(i).seconds(), 1e-4, "frame " + i);
        }
    }

    /** Cut at TS packet boundaries that fall inside GOPs: segments 2 and 3 start mid-GOP. */
    @Test
    void segmentsDecodeAsOneStream() throws Exception {
        byte[] bytes = Files.readAllBytes(stream);
        int packets = bytes.length / TS_PACKET;
        int[] cuts = {0, packets * 3 / 10 * TS_PACKET, packets * 7 / 10 * TS_PACKET, bytes.length};
        List<Path> segments = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.length; i++) {
            segments.add(Files.write(dir.resolve("segment" + i + ".ts"), Arrays.copyOfRange(bytes, cuts[i], cuts[i + 1])));
        }

        List<TimedGrey> whole = decodeAll(MpegTsDecoder.openSegments(List.of(stream), MpegTsDecoder.H264_ORIGIN_SECONDS));
        List<TimedGrey> joined = decodeAll(MpegTsDecoder.openSegments(segments, MpegTsDecoder.H264_ORIGIN_SECONDS));

        assertEquals(whole.size(), joined.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i).seconds(), joined.get(i).seconds(), 1e-9);
            assertArrayEquals(whole.get(i).image().pixels(), joined.get(i).image().pixels(), "frame " + i);
        }
    }

    @Test
    void aStreamThatStartsMidGopSkipsToTheFirstKeyFrame() throws Exception {
        byte[] bytes = Files.readAllBytes(stream);
        int start = bytes.length / TS_PACKET / 4 * TS_PACKET;
        Path tail = Files.write(dir.resolve("tail.ts"), Arrays.copyOfRange(bytes, start, bytes.length));
        List<TimedGrey> frames = decodeAll(MpegTsDecoder.openSegments(List.of(tail), MpegTsDecoder.H264_ORIGIN_SECONDS));
        assertTrue(!frames.isEmpty() && frames.size() < source.frames(), frames.size() + " frames");
        assertEquals(2.0, frames.get(0).seconds(), 1e-4);
    }
}
