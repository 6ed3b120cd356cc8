package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.time.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The queue and scheduler of one direction, driven by a fake clock: no thread, no socket, no sleep. */
class LinkDirectionTest {

    private static final long MS = 1_000_000;
    private static final long START = 5_000 * MS;
    /** Opportunities at 10, 20, ... 100 ms, looping every 100 ms: 1.2 Mbit/s. */
    private static final MahimahiTrace EVERY_10_MS = MahimahiTrace.parse("every-10-ms",
            List.of("10", "20", "30", "40", "50", "60", "70", "80", "90", "100"));

    private final FakeTicker clock = new FakeTicker();
    private final Recorder far = new Recorder();

    /** What reached the far end: (bytes, due ms since start) pairs; -1 bytes is the close. */
    private static final class Recorder implements FarEnd {
        final List<long[]> got = new ArrayList<>();

        @Override
        public void carry(byte[] data, long dueNanos) {
            got.add(new long[] {data.length, (dueNanos - START) / MS});
        }

        @Override
        public void end(long dueNanos) {
            got.add(new long[] {-1, (dueNanos - START) / MS});
        }

        List<String> pairs() {
            return got.stream().map(p -> p[0] + "@" + p[1]).toList();
        }
    }

    private LinkDirection direction(Optional<MahimahiTrace> trace, long queueBytes, long delayMs, Outage... outages) {
        clock.set(START);
        return new LinkDirection("uplink", new LinkSchedule(trace, List.of(outages)), queueBytes, delayMs * MS,
                Long.MAX_VALUE, clock, START);
    }

    private void at(long ms) {
        clock.set(START + ms * MS);
    }

    @Test
    void bytesCrossOnePacketPerOpportunityAndArriveAfterTheDelay() {
        LinkDirection link = direction(Optional.of(EVERY_10_MS), 100_000, 25);
        link.offer(far, new byte[4000], 0, 4000);

        at(9);
        assertEquals(START + 10 * MS, link.serve());
        assertEquals(List.of(), far.pairs());
        at(20);
        assertEquals(START + 30 * MS, link.serve());
        at(30);
        assertEquals(LinkDirection.NOTHING_DUE, link.serve());

        assertEquals(List.of("1500@35", "1500@45", "1000@55"), far.pairs());
    }

    @Test
    void opportunitiesNobodyUsedAreLostAndLateBytesWaitForTheNextOne() {
        LinkDirection link = direction(Optional.of(EVERY_10_MS), 100_000, 0);
        at(55);
        link.offer(far, new byte[3000], 0, 3000);
        at(1_000);
        link.serve();

        assertEquals(List.of("1500@60", "1500@70"), far.pairs());
    }

    @Test
    void aLateServeGivesTheSameAnswerAsOneOnTime() {
        LinkDirection onTime = direction(Optional.of(EVERY_10_MS), 100_000, 0);
        Recorder onTimeFar = new Recorder();
        List<long[]> sends = List.of(new long[] {0, 2000}, new long[] {12, 700}, new long[] {13, 5000}, new long[] {95, 100});
        for (long ms = 0; ms <= 200; ms++) {
            at(ms);
            for (long[] s : sends) {
                if (s[0] == ms) {
                    onTime.offer(onTimeFar, new byte[(int) s[1]], 0, (int) s[1]);
                }
            }
            onTime.serve();
        }

        LinkDirection late = direction(Optional.of(EVERY_10_MS), 100_000, 0);
        for (long[] s : sends) {
            at(s[0]);
            late.offer(far, new byte[(int) s[1]], 0, (int) s[1]);
        }
        at(200);
        late.serve();

        assertEquals(onTimeFar.pairs(), far.pairs());
        assertEquals(List.of("1500@10", "500@20", "700@20", "300@20", "1500@30", "1500@40", "1500@50", "200@60",
                "100@100"), far.pairs());
    }

    @Test
    void aFullQueueTakesNoMoreUntilTheLinkDrainsIt() {
        LinkDirection link = direction(Optional.of(EVERY_10_MS), 3000, 0);

        assertEquals(3000, link.offer(far, new byte[4000], 0, 4000));
        assertEquals(0, link.offer(far, new byte[10], 0, 10));
        assertEquals(0, link.room());
        at(10);
        link.serve();
        assertEquals(1500, link.room());
        assertEquals(1500, link.offer(far, new byte[4000], 0, 4000));
        assertEquals(3000, link.counters().queued());
    }

    @Test
    void nothingCrossesDuringAnOutageAndTheQueueDrainsAfterIt() {
        LinkDirection link = direction(Optional.of(EVERY_10_MS), 100_000, 0, new Outage(15, 50));
        link.offer(far, new byte[4500], 0, 4500);
        link.offerEnd(far);

        at(64);
        link.serve();
        assertEquals(List.of("1500@10"), far.pairs());
        at(1_000);
        link.serve();

        assertEquals(List.of("1500@10", "1500@70", "1500@80", "-1@80"), far.pairs(), "the close rides on the last packet");
    }

    @Test
    void withoutATraceBytesCrossAtOnceExceptDuringAnOutage() {
        LinkDirection link = direction(Optional.empty(), 100_000, 40, new Outage(1_000, 2_000));
        at(7);
        link.offer(far, new byte[100_000], 0, 100_000);
        link.serve();
        at(1_500);
        link.offer(far, new byte[10], 0, 10);
        assertEquals(START + 3_000 * MS, link.serve());
        at(3_000);
        link.serve();

        assertEquals(List.of("100000@47", "10@3040"), far.pairs());
    }

    @Test
    void theTimelineHasCapacityCarriedBytesAndTheFullestQueuePerSecond() {
        LinkDirection link = direction(Optional.of(EVERY_10_MS), 1_000_000, 0, new Outage(2_000, 1_000));
        link.offer(far, new byte[200_000], 0, 200_000);
        at(4_000);
        link.serve();

        LinkDirection.DirectionSeconds s = link.seconds(4);
        assertArrayEquals(new long[] {148_500, 150_000, 0, 150_000}, s.capacity().orElseThrow(),
                "the trace's first loop starts at 10 ms, and has no packet at time 0");
        assertArrayEquals(new long[] {148_500, 51_500, 0, 0}, s.carried());
        assertArrayEquals(new long[] {200_000, 200_000, 200_000, 200_000}, s.queueMax(),
                "queue levels are only noted when they change: serving late records the drain at second 4");
    }
}
