package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameScoresTest {

    @Test
    void summarisesMeanAndFifthPercentile() {
        FrameScores scores = new FrameScores();
        for (int i = 1; i <= 1000; i++) {
            scores.add(i / 1000.0, i);
        }
        QualitySummary summary = scores.summary();
        assertEquals(1000, summary.frames());
        assertEquals(0.5005, summary.ssimMean(), 1e-9);
        assertEquals(0.05095, summary.ssimP05(), 1e-9);
        assertEquals(500.5, summary.psnrMean(), 1e-9);
    }

    @Test
    void oneFrameIsItsOwnPercentile() {
        FrameScores scores = new FrameScores();
        scores.add(0.7, 30);
        assertEquals(0.7, scores.summary().ssimP05());
    }

    @Test
    void refusesToSummariseNothing() {
        assertThrows(IllegalStateException.class, () -> new FrameScores().summary());
    }
}
