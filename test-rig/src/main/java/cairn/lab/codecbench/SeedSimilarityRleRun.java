package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Seed method "seed-similarity-rle" (see {@link SimilarityRleCodec}) on the source's luma: every
 * frame is sent, bytes are the packets' wire bytes, and the viewer's picture is rebuilt by the
 * decoder (so a quality below 1.0 would reveal a codec bug: the method is lossless on luma).
 */
public final class SeedSimilarityRleRun implements BenchRun {

    @Override
    public String name() {
        return "seed-similarity-rle";
    }

    @Override
    public RunResult run(SourceVideo source, Path workDir) throws IOException {
        SimilarityRleCodec.Encoder encoder = new SimilarityRleCodec.Encoder();
        SimilarityRleCodec.Decoder decoder = new SimilarityRleCodec.Decoder(source.width(), source.height());
        FrameScores scores = new FrameScores();
        EncodeClock clock = new EncodeClock();
        long[] bytes = {0};
        source.forEachFrame(frame -> {
            GreyImage luma = frame.image().luma();
            SimilarityRleCodec.Packet packet = clock.time(() -> encoder.encode(luma));
            bytes[0] += packet.wireBytes();
            scores.compare(luma, decoder.decode(packet));
        });
        return new RunResult(bytes[0], source.frames(), clock.seconds(), scores.summary());
    }
}
