package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.lab.codecbench.GreyImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LoopAlignmentTest {

    /** A clip of {@code n} distinct frames: frame i is noise seeded by i. */
    private static GreyImage frame(int i) {
        byte[] p = new byte[128 * 72];
        new Random(i).nextBytes(p);
        return new GreyImage(128, 72, p);
    }

    private static List<int[]> clip(int n) {
        List<int[]> thumbs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            thumbs.add(LoopAlignment.thumbnail(frame(i)));
        }
        return thumbs;
    }

    @Test
    void findsTheLoopsPhaseAndFollowsItAcrossTheWrapAndSkippedFrames() {
        int n = 50;
        LoopAlignment a = new LoopAlignment(clip(n), 10);
        // The camera started at frame 37; the appliance kept every 3rd frame, then a still stretch of 4 s.
        List<Integer> expected = new ArrayList<>();
        double t = 1.0;
        int shown = 37;
        for (int j = 0; j < 30; j++) {
            expected.add(shown);
            assertEquals(shown, a.add(t, LoopAlignment.thumbnail(frame(shown))), "frame " + j);
            int step = j == 20 ? 40 : 3;
            t += step / 10.0;
            shown = (shown + step) % n;
        }
        assertEquals(expected, a.matches());
        assertEquals(0, a.reanchors());
    }

    @Test
    void aCameraThatJumpedIsFoundAgainByTheWholeClipSearch() {
        LoopAlignment a = new LoopAlignment(clip(100), 10);
        a.add(0, LoopAlignment.thumbnail(frame(0)));
        a.add(0.1, LoopAlignment.thumbnail(frame(1)));
        // Ten seconds later the camera shows frame 60 instead of the predicted 1 + 100 = 1 (mod 100).
        assertEquals(60, a.add(10.1, LoopAlignment.thumbnail(frame(60))));
        assertEquals(1, a.reanchors());
    }

    @Test
    void eachFrameIsHeldUntilTheNextOneWithoutDriftFromJitter() {
        // 10 fps; frames at jittery times: 0, 0.14, 0.21, 0.29, then a 4 s hold.
        int[] held = LoopAlignment.heldFrames(List.of(0.0, 0.14, 0.21, 0.29, 4.29), 10);
        assertArrayEquals(new int[] {1, 1, 1, 40, 1}, held);
        int total = 0;
        for (int h : held) {
            total += h;
        }
        assertEquals(44, total, "every source frame of the 4.3 s counted once, plus the last");
    }
}
