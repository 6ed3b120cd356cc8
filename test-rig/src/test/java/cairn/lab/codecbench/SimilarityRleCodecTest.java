package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class SimilarityRleCodecTest {

    private final SimilarityRleCodec.Encoder encoder = new SimilarityRleCodec.Encoder();
    private final SimilarityRleCodec.Decoder decoder = new SimilarityRleCodec.Decoder(64, 48);

    @Test
    void similarFramesAreSentAsDifferencesAndRebuiltExactly() throws IOException {
        GreyImage key = TestImages.pattern(64, 48, 0);
        GreyImage similar = TestImages.withNoise(key, 3, 5);

        SimilarityRleCodec.Packet first = encoder.encode(key);
        SimilarityRleCodec.Packet second = encoder.encode(similar);

        assertTrue(first.key());
        assertFalse(second.key());
        assertArrayEquals(key.pixels(), decoder.decode(first).pixels());
        assertArrayEquals(similar.pixels(), decoder.decode(second).pixels());
    }

    @Test
    void differencesWrapModulo256() throws IOException {
        byte[] dark = new byte[64 * 48];
        byte[] bright = new byte[64 * 48];
        for (int i = 0; i < dark.length; i++) {
            dark[i] = (byte) (i % 7 == 0 ? 250 : 3);
            bright[i] = (byte) (i % 7 == 0 ? 2 : 3);
        }
        decoder.decode(encoder.encode(new GreyImage(64, 48, dark)));
        SimilarityRleCodec.Packet packet = encoder.encode(new GreyImage(64, 48, bright));
        assertArrayEquals(bright, decoder.decode(packet).pixels());
    }

    @Test
    void aDissimilarFrameBecomesTheNewKey() throws IOException {
        GreyImage key = TestImages.pattern(64, 48, 0);
        GreyImage unrelated = TestImages.withNoise(GreyImage.filled(64, 48, 128), 60, 9);
        encoder.encode(key);
        SimilarityRleCodec.Packet packet = encoder.encode(unrelated);
        assertTrue(packet.key());
        assertArrayEquals(unrelated.pixels(), decoder.decode(packet).pixels());
    }
}
