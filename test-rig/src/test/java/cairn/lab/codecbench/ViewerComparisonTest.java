package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewerComparisonTest {

    private final List<GreyImage> source = List.of(
            TestImages.pattern(64, 48, 0), TestImages.pattern(64, 48, 5),
            TestImages.pattern(64, 48, 10), TestImages.pattern(64, 48, 15));

    private void compareAll(ViewerComparison viewer) {
        for (int i = 0; i < source.size(); i++) {
            viewer.compare(new TimedGrey(i * 0.1, source.get(i)));
        }
    }

    @Test
    void skippedFramesAreComparedWithTheLastShownFrame() {
        List<TimedGrey> shown = List.of(new TimedGrey(0.0, source.get(0)), new TimedGrey(0.2, source.get(2)));
        ViewerComparison viewer = new ViewerComparison(shown.iterator());
        compareAll(viewer);

        FrameScores scores = viewer.scores();
        assertEquals(4, scores.count());
        assertEquals(1.0, scores.ssim(0), 1e-12);
        assertEquals(QualityMeter.ssim(source.get(1), source.get(0)), scores.ssim(1), 1e-12);
        assertEquals(1.0, scores.ssim(2), 1e-12);
        assertEquals(QualityMeter.ssim(source.get(3), source.get(2)), scores.ssim(3), 1e-12);
        assertTrue(scores.ssim(1) < 0.99);
        assertEquals(2, viewer.shownCount());
    }

    @Test
    void outputTimestampsWithinAMillisecondCountAsTheSameInstant() {
        List<TimedGrey> shown = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            shown.add(new TimedGrey(i * 0.1 + 0.0004, source.get(i)));
        }
        ViewerComparison viewer = new ViewerComparison(shown.iterator());
        compareAll(viewer);
        assertEquals(1.0, viewer.scores().summary().ssimMean(), 1e-12);
    }

    @Test
    void beforeTheFirstOutputFrameTheViewerSeesBlack() {
        ViewerComparison viewer = new ViewerComparison(List.of(new TimedGrey(0.15, source.get(2))).iterator());
        compareAll(viewer);
        GreyImage black = GreyImage.filled(64, 48, GreyImage.BLACK_LUMA);
        assertEquals(QualityMeter.ssim(source.get(0), black), viewer.scores().ssim(0), 1e-12);
        assertEquals(QualityMeter.ssim(source.get(1), black), viewer.scores().ssim(1), 1e-12);
        assertEquals(1.0, viewer.scores().ssim(2), 1e-12);
    }

    @Test
    void framesAfterTheLastSourceFrameAreCountedOnlyWhenDrained() {
        List<TimedGrey> shown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            shown.add(new TimedGrey(i * 0.1, source.get(Math.min(i, 3))));
        }
        ViewerComparison viewer = new ViewerComparison(shown.iterator());
        compareAll(viewer);
        viewer.drain();
        assertEquals(6, viewer.shownCount());
    }

    @Test
    void smallerOutputIsScaledToTheSourceSize() {
        GreyImage flat = GreyImage.filled(64, 48, 90);
        ViewerComparison viewer = new ViewerComparison(List.of(new TimedGrey(0, GreyImage.filled(32, 24, 90))).iterator());
        viewer.compare(new TimedGrey(0, flat));
        assertEquals(1.0, viewer.scores().ssim(0), 1e-12);
    }
}
