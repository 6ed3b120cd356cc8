package cairn.lab.ratesim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.hardware.modem.ModemSample;
import cairn.hardware.modem.NetworkMode;
import cairn.lab.link.LinkSchedule;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.modem.NetworkFamily;
import cairn.lab.modem.TraceRadio;
import cairn.link.ModemWatch;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulation's modem reports what the scenario's fake router would, so the controller gets the same hints. */
class SimulatedModemTest {

    private static ModemWatch watch(String name, long[] clock, long... kbps) {
        MahimahiTrace trace = MahimahiTrace.perSecond(name, kbps);
        return new ModemWatch(new SimulatedModem(new TraceRadio(new LinkSchedule(Optional.of(trace), List.of()),
                NetworkFamily.ofTrace(name)), () -> clock[0]));
    }

    @Test
    void anLteSignalFollowsTheTraceAndItsCollapseIsAHint() {
        long[] clock = {500};
        ModemWatch w = watch("ATT-LTE-driving.up", clock, 8000, 8000, 150);
        w.poll();
        ModemSample strong = w.latest().orElseThrow();
        assertEquals(Optional.of(NetworkMode.FOUR_G), strong.mode());
        assertTrue(w.takeHint().isEmpty());
        clock[0] = 2500;
        w.poll();
        assertTrue(ModemWatch.signalDbm(w.latest().orElseThrow()).getAsDouble()
                < ModemWatch.signalDbm(strong).getAsDouble() - 10, "RSRP falls with capacity");
        assertTrue(w.takeHint().orElseThrow().startsWith("the signal collapsed"));
    }

    @Test
    void aDead3gSecondFallsBackTo2g() {
        long[] clock = {500};
        ModemWatch w = watch("TMobile-UMTS-driving.up", clock, 900, 0, 0, 0, 0);
        w.poll();
        assertEquals(Optional.of(NetworkMode.THREE_G), w.latest().orElseThrow().mode());
        clock[0] = 1500;
        w.poll();
        assertEquals(Optional.of(NetworkMode.TWO_G), w.latest().orElseThrow().mode());
        assertEquals(Optional.of("the modem fell back from 3G to 2G"), w.takeHint());
        clock[0] = 3500;
        w.poll();
        assertEquals(Optional.of(NetworkMode.NONE), w.latest().orElseThrow().mode(), "no service after 3 dead seconds");
    }
}
