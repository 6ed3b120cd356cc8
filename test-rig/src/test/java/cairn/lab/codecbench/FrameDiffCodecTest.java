package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FrameDiffCodecTest {

    private final FrameDiffCodec.Encoder encoder = new FrameDiffCodec.Encoder();
    private final FrameDiffCodec.Decoder decoder = new FrameDiffCodec.Decoder(16, 8);

    private static GreyImage image(byte[] pixels) {
        return new GreyImage(16, 8, pixels);
    }

    @Test
    void firstFrameArrivesWhole() throws IOException {
        GreyImage first = TestImages.pattern(16, 8, 3);
        assertArrayEquals(first.pixels(), decoder.decode(encoder.encode(first)).pixels());
    }

    @Test
    void onlyChangesAboveTheThresholdReachTheViewer() throws IOException {
        byte[] base = new byte[128];
        java.util.Arrays.fill(base, (byte) 100);
        decoder.decode(encoder.encode(image(base)));

        byte[] next = base.clone();
        next[0] = (byte) 111;
        next[1] = (byte) 110;
        next[2] = (byte) 89;
        next[3] = (byte) 90;
        next[127] = (byte) 250;
        GreyImage shown = decoder.decode(encoder.encode(image(next)));

        byte[] expected = base.clone();
        expected[0] = (byte) 111;
        expected[2] = (byte) 89;
        expected[127] = (byte) 250;
        assertArrayEquals(expected, shown.pixels());
    }

    @Test
    void smallChangesAreMeasuredAgainstThePreviousSourceFrameSoTheyAddUp() throws IOException {
        byte[] pixels = new byte[128];
        java.util.Arrays.fill(pixels, (byte) 100);
        decoder.decode(encoder.encode(image(pixels.clone())));
        for (int step = 1; step <= 5; step++) {
            java.util.Arrays.fill(pixels, (byte) (100 + 8 * step));
            GreyImage shown = decoder.decode(encoder.encode(image(pixels.clone())));
            assertEquals(100, shown.at(0, 0), "step " + step);
        }
    }

    @Test
    void anUnchangedFrameCostsLittle() {
        GreyImage frame = TestImages.pattern(320, 240, 0);
        encoder.encode(frame);
        byte[] payload = encoder.encode(new GreyImage(320, 240, frame.pixels().clone()));
        assertTrue(payload.length < 200, "payload of an unchanged 320x240 frame is " + payload.length + " bytes");
    }
}
