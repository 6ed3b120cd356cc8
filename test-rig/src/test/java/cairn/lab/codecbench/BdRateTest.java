package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** BD-rate on curves whose answer is known. */
class BdRateTest {

    /** Four points of a made-up rate-quality curve: bytes for SSIM in dB, SSIM from 0.95 to 0.99. */
    private static List<BdRate.Point> curve(DoubleUnaryOperator bytesAtDb) {
        return List.of(0.95, 0.965, 0.98, 0.99).stream()
                .map(s -> new BdRate.Point(Math.round(bytesAtDb.applyAsDouble(BdRate.db(s))), s)).toList();
    }

    @Test
    void aCurveThatNeedsTenPercentFewerBytesEverywhereIsMinusTen() {
        DoubleUnaryOperator reference = db -> 1000 * Math.pow(1.3, db);
        double bd = BdRate.percent(curve(db -> 0.9 * reference.applyAsDouble(db)), curve(reference)).getAsDouble();
        assertEquals(-10.0, bd, 0.05);
        assertEquals(25.0, BdRate.percent(curve(db -> 1.25 * reference.applyAsDouble(db)), curve(reference))
                .getAsDouble(), 0.05);
    }

    @Test
    void onlyTheQualityBothCoverCounts() {
        List<BdRate.Point> reference = curve(db -> 1000 * Math.pow(1.3, db));
        // The same curve, plus one far better point the reference never reached.
        List<BdRate.Point> test = new java.util.ArrayList<>(reference);
        test.add(new BdRate.Point(1, 0.999));
        assertEquals(0.0, BdRate.percent(reference, reference).getAsDouble(), 1e-9);
        assertEquals(0.99, BdRate.overlap(test, reference)[1], 1e-9);
    }

    @Test
    void curvesThatDoNotOverlapHaveNoBdRate() {
        List<BdRate.Point> low = List.of(new BdRate.Point(100, 0.90), new BdRate.Point(200, 0.92));
        List<BdRate.Point> high = List.of(new BdRate.Point(300, 0.95), new BdRate.Point(400, 0.97));
        assertTrue(BdRate.percent(low, high).isEmpty());
        assertEquals(0, BdRate.overlap(low, high).length);
    }
}
