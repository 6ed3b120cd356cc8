package cairn.lab.ratesim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import cairn.config.Ladder;
import cairn.lab.link.MahimahiTrace;
import org.junit.jupiter.api.Test;

/** The controller against a fixed rate, on a link that swings between good and poor every 20 s. */
class RateSimulationTest {
    private static MahimahiTrace swinging() {
        long[] kbps = new long[40];
        for (int i = 0; i < kbps.length; i++) {
            kbps[i] = i < 20 ? 1500 : 400;
        }
        return MahimahiTrace.perSecond("swing", kbps);
    }

    @Test
    void theControllerKeepsVideoLiveWhereAFixedMeanRateQueuesUp() {
        MahimahiTrace trace = swinging();
        Ladder ladder = Ladder.parse(Ladder.DEFAULT);
        RateSimulation.Result cairn = new RateSimulation(trace, ladder, 0.25).run(300, 0);
        RateSimulation.Result fixed = new RateSimulation(trace, ladder, 0.25).run(300, (int) trace.meanKbps());
        // Both skip ahead past segments older than uplink.live_max_age, and with several requests in flight the fixed
        // rate keeps about as many segments live; it pays with the time they take to arrive.
        assertTrue(cairn.liveSegments() >= fixed.liveSegments(), cairn.liveSegments() + " live vs " + fixed.liveSegments());
        assertTrue(cairn.latencyP50() < 0.75 * fixed.latencyP50(), "p50 " + cairn.latencyP50() + " vs " + fixed.latencyP50());
        assertTrue(cairn.latencyP95() < fixed.latencyP95(), "p95 " + cairn.latencyP95() + " vs " + fixed.latencyP95());
        assertTrue(cairn.utilization() > 0.6, "utilization " + cairn.utilization());
        // The link itself changes 3 times a minute; following it takes a step or two each way (the simulated modem's
        // hint first, then the queue), not a back-and-forth.
        double linkChangesPerMin = 3;
        assertTrue(cairn.changesPerMin() <= 2.5 * linkChangesPerMin, "changes per minute " + cairn.changesPerMin());
    }
}
