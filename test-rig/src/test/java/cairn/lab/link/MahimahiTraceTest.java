package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MahimahiTraceTest {

    @TempDir
    Path dir;

    @Test
    void repeatedLinesAreSeveralPacketsInTheSameMillisecondAndTheFileLoops() {
        MahimahiTrace trace = MahimahiTrace.parse("t", List.of("2", "2", "2", "5", "10"));

        assertEquals(10, trace.periodMs());
        assertEquals(5, trace.opportunitiesPerPeriod());
        assertEquals(List.of(2L, 2L, 2L, 5L, 10L, 12L, 12L, 12L, 15L, 20L, 22L),
                LongStream.range(0, 11).map(trace::opportunityMs).boxed().toList());
        assertEquals(0, trace.opportunitiesBefore(2));
        assertEquals(3, trace.opportunitiesBefore(3));
        assertEquals(4, trace.opportunitiesBefore(10));
        assertEquals(3, trace.opportunitiesBetween(12, 13));
        assertEquals(5 * 100, trace.opportunitiesBetween(0, 1001));
        assertEquals(5 * 1500 * 8 / 10.0, trace.meanKbps(), 1e-9);
    }

    @Test
    void aLineAtZeroIsAnOpportunityAtTheStartAndOneAtThePeriodIsNot() {
        assertEquals(List.of(0L, 7L, 7L, 30L, 30L, 37L), LongStream.range(0, 6)
                .map(MahimahiTrace.parse("t", List.of("0", "7", "7", "30"))::opportunityMs).boxed().toList());
        assertEquals(List.of(7L, 7L, 30L, 37L, 37L, 60L), LongStream.range(0, 6)
                .map(MahimahiTrace.parse("t", List.of("7", "7", "30"))::opportunityMs).boxed().toList());
    }

    @Test
    void theFirstOpportunityAtOrAfterAnyTimeIsTheCountBeforeIt() {
        MahimahiTrace trace = MahimahiTrace.parse("t", List.of("0", "7", "7", "30"));
        for (long ms = 0; ms < 200; ms++) {
            long k = trace.opportunitiesBefore(ms);
            assertTrue(trace.opportunityMs(k) >= ms, "opportunity " + k + " at or after " + ms);
            assertTrue(k == 0 || trace.opportunityMs(k - 1) < ms, "opportunity " + (k - 1) + " before " + ms);
        }
    }

    @Test
    void badLinesAreRefusedNamingTheTraceAndLine() {
        assertEquals("Trace x.up line 2: 'ten' is not a millisecond count.",
                assertThrows(IllegalArgumentException.class, () -> MahimahiTrace.parse("x.up", List.of("1", "ten")))
                        .getMessage());
        assertEquals("Trace x.up line 3: 4 is earlier than the line before (9).",
                assertThrows(IllegalArgumentException.class,
                        () -> MahimahiTrace.parse("x.up", List.of("1", "9", "4"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MahimahiTrace.parse("x.up", List.of("-1", "4")));
        assertThrows(IllegalArgumentException.class, () -> MahimahiTrace.parse("x.up", List.of("", " ")));
        assertThrows(IllegalArgumentException.class, () -> MahimahiTrace.parse("x.up", List.of("0", "0")));
    }

    @Test
    void blankLinesAndSurroundingSpacesAreIgnored() {
        MahimahiTrace trace = MahimahiTrace.parse("t", List.of(" 3 ", "", "8\r"));
        assertEquals(8, trace.periodMs());
        assertEquals(2, trace.opportunitiesPerPeriod());
    }

    @Test
    void aConstantTraceCarriesExactlyItsRate() {
        MahimahiTrace trace = MahimahiTrace.constant(1000);

        assertEquals(1000.0, trace.meanKbps(), 1e-9);
        for (long s = 0; s < 30; s++) {
            long packets = trace.opportunitiesBetween(s * 1000, (s + 1) * 1000);
            assertTrue(packets == 83 || packets == 84, "second " + s + ": " + packets + " packets");
        }
        assertEquals(1000 * 1000 / 12.0, trace.opportunitiesBetween(0, 1000 * 1000), 1.0);
    }

    @Test
    void aPerSecondTraceHasItsGaps() {
        MahimahiTrace trace = MahimahiTrace.perSecond("gappy", 1200, 0, 0, 600);

        assertEquals(4000, trace.periodMs());
        assertEquals(99, trace.opportunitiesBetween(0, 1000), "the first loop has no packet at time 0");
        assertEquals(0, trace.opportunitiesBetween(1000, 3000));
        assertEquals(50, trace.opportunitiesBetween(3000, 4000));
        assertEquals(100, trace.opportunitiesBetween(4000, 5000));
    }

    @Test
    void aWrittenTraceLoadsAsTheSame() throws IOException {
        MahimahiTrace trace = MahimahiTrace.perSecond("gappy", 1200, 0, 600, 97);
        Path file = dir.resolve("gappy.up");

        trace.write(file);
        MahimahiTrace loaded = MahimahiTrace.load(file);

        assertEquals(trace.periodMs(), loaded.periodMs());
        assertEquals(LongStream.range(0, 1000).map(trace::opportunityMs).boxed().toList(),
                LongStream.range(0, 1000).map(loaded::opportunityMs).boxed().toList());
        assertEquals("gappy.up", loaded.name());
    }
}
