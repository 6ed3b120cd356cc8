package cairn.lab.ratesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.MahimahiTrace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A month of the data plan in simulated time, on a steady made-up link. */
class BudgetSimulationTest {
    private static final long GIB = 1L << 30;
    @TempDir
    Path dir;

    private BudgetSimulation.Result month(long budget, double motionKbps) throws Exception {
        BudgetSimulation.Scene scene = new BudgetSimulation.Scene(motionKbps, 29, 60, 300, 7, 19);
        return new BudgetSimulation(MahimahiTrace.constant(1000), scene).run(budget, 31, BudgetArgs.START, 1, 900,
                30_000, dir);
    }

    @Test
    void aSceneThatWantsMoreThanThePlanUsesMostOfItAndLastsToTheRenewal() throws Exception {
        BudgetSimulation.Result r = month(10 * GIB, 600);
        assertTrue(r.wantedBytes() > 10 * GIB, "the scene wants more: " + r.wantedBytes());
        assertTrue(r.spentShare() <= 1.0 && r.spentShare() >= 0.9, "spent " + r.spentShare());
        assertEquals(1.0, r.motionLiveSeconds() / (double) r.motionSeconds(), 1e-9, "motion went live all month");
        assertEquals(0, r.heartbeats(), "never spent before the renewal");
        assertTrue(r.days().stream().anyMatch(d -> d.status().get("state").equals("paced")), "held to the pace");
        assertTrue(r.events().get(0).startsWith("budget_80"), r.events().toString());
        assertEquals(31, r.days().size());
    }

    @Test
    void aSceneThatWantsLessSpendsWhatItWants() throws Exception {
        BudgetSimulation.Result r = month(50 * GIB, 160);
        assertTrue(r.spentBytes() < 50 * GIB * 0.5, "spent " + r.spentShare());
        assertTrue(Math.abs(r.spentBytes() - r.wantedBytes()) < r.wantedBytes() * 0.05, "what it wanted, and MQTT");
        assertTrue(r.days().stream().allMatch(d -> d.status().get("state").equals("ok")));
    }
}
