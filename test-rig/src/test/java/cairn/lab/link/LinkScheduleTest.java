package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkScheduleTest {

    /** 12 packets a second: one every 83 or 84 ms. */
    private static final MahimahiTrace TRACE = MahimahiTrace.constant(144);

    @Test
    void outagesParseFromSecondsAndRefuseNonsense() {
        assertEquals(new Outage(60_000, 30_000), Outage.parse("60+30"));
        assertEquals(new Outage(1_500, 500), Outage.parse("1.5+0.5"));
        for (String bad : List.of("60", "60+", "+30", "a+b", "60+0", "-1+5")) {
            assertThrows(IllegalArgumentException.class, () -> Outage.parse(bad), bad);
        }
    }

    @Test
    void overlappingOutagesMerge() {
        LinkSchedule schedule = new LinkSchedule(Optional.of(TRACE),
                List.of(new Outage(5_000, 2_000), new Outage(1_000, 1_000), new Outage(6_000, 3_000)));

        assertEquals(List.of(new Outage(1_000, 1_000), new Outage(5_000, 4_000)), schedule.outages());
        assertTrue(schedule.isUp(999));
        assertFalse(schedule.isUp(1_000));
        assertTrue(schedule.isUp(2_000));
        assertEquals(9_000, schedule.nextUpMs(5_500));
        assertEquals(4_321, schedule.nextUpMs(4_321));
        assertEquals(10_000 - 5_000, schedule.upMsBetween(0, 10_000));
    }

    @Test
    void capacityLeavesOutOutagesAndOpportunitiesSkipThem() {
        LinkSchedule schedule = new LinkSchedule(Optional.of(TRACE), List.of(new Outage(2_000, 3_000)));

        assertEquals(Optional.of(12L * 1500), schedule.capacityBytes(1_000, 2_000));
        assertEquals(Optional.of(0L), schedule.capacityBytes(2_000, 5_000));
        assertEquals(Optional.of((12L * 7 - 1) * 1500), schedule.capacityBytes(0, 10_000),
                "7 s up at 12 packets a second, less the packet a loop has at its end, not at time 0");
        long firstInOutage = TRACE.opportunitiesBefore(2_000);
        long k = schedule.firstUsableOpportunity(firstInOutage);
        assertTrue(TRACE.opportunityMs(k) >= 5_000 && TRACE.opportunityMs(k - 1) < 5_000, "k=" + k);
        assertEquals(firstInOutage - 1, schedule.firstUsableOpportunity(firstInOutage - 1));
    }

    @Test
    void anUnlimitedDirectionHasNoCapacityFigure() {
        LinkSchedule schedule = new LinkSchedule(Optional.empty(), List.of(new Outage(0, 1_000)));

        assertEquals(Optional.empty(), schedule.capacityBytes(0, 5_000));
        assertEquals(1_000, schedule.nextUpMs(0));
        assertThrows(IllegalStateException.class, () -> schedule.firstUsableOpportunity(0));
    }
}
