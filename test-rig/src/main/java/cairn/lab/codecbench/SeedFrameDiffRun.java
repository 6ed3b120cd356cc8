package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Seed method "seed-frame-diff" (see {@link FrameDiffCodec}) on the source's luma: every frame is
 * sent, bytes are the sum of the zlib payloads, and the viewer's picture is rebuilt by the decoder.
 */
public final class SeedFrameDiffRun implements BenchRun {

    @Override
    public String name() {
        return "seed-frame-diff";
    }

    @Override
    public RunResult run(SourceVideo source, Path workDir) throws IOException {
        FrameDiffCodec.Encoder encoder = new FrameDiffCodec.Encoder();
        FrameDiffCodec.Decoder decoder = new FrameDiffCodec.Decoder(source.width(), source.height());
        FrameScores scores = new FrameScores();
        EncodeClock clock = new EncodeClock();
        long[] bytes = {0};
        source.forEachFrame(frame -> {
            GreyImage luma = frame.image().luma();
            byte[] payload = clock.time(() -> encoder.encode(luma));
            bytes[0] += payload.length;
            scores.compare(luma, decoder.decode(payload));
        });
        return new RunResult(bytes[0], source.frames(), clock.seconds(), scores.summary());
    }
}
