package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkSecond;
import cairn.lab.link.Outage;
import cairn.lab.receiver.AccessLog;
import cairn.lab.receiver.ArrivalReport;
import cairn.lab.receiver.RemoteNaming;
import cairn.segment.SegmentInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The report's figures on a run made up by hand: a 2 s segment of 10 kB every 2 s, an outage from 6 to 12 s, the
 * backlog sent one segment every 0.5 s from 12.5 s.
 */
class ScenarioFiguresTest {

    private static final long START = 1_700_000_000_000L;
    private static final RemoteNaming NAMING = (camera, seq) -> "up/box/" + camera + "/" + String.format("%012d.ts", seq);

    private static SegmentInfo segment(long seq, long startMs) {
        return new SegmentInfo("cam1", "boot", seq, startMs * 1_000_000, (startMs + 2000) * 1_000_000, START + startMs,
                START + startMs + 2000, true, true, 50, 10_000, "00", 320, 240, 90_000, "h264");
    }

    /** Segment k covers [2k, 2k+2) s; it is committed at its end; stored 0.3 s later, or after the outage. */
    private static List<Delivery> deliveries() {
        List<Delivery> d = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            long committed = START + (2 * k + 2) * 1000L;
            long stored = committed + 300;
            if (committed + 300 >= START + 6000 && committed < START + 12_000) {
                stored = START + 12_500 + (k - 2) * 500L; // k = 2..4 wait for the outage, then one each 0.5 s
            }
            d.add(new Delivery(segment(k, 2000L * k), committed, OptionalLong.of(stored), stored - committed < 1000));
        }
        return d;
    }

    private static RunData run(List<Delivery> deliveries) {
        List<LinkSecond> link = new ArrayList<>();
        for (int t = 0; t < 25; t++) {
            boolean up = t < 6 || t >= 12;
            long carried = up ? (t >= 12 && t < 14 ? 95_000 : 20_000) : 0;
            link.add(new LinkSecond(t, up ? 1000 : 0, new LinkSecond.DirectionSecond(up ? 100_000L : 0L, carried,
                    carried, 0), new LinkSecond.DirectionSecond(null, 0, 0, 0)));
        }
        return new RunData(null, "box", "cam1", 1500, START, link, List.of(new Outage(6000, 6000)), deliveries,
                List.of(), new ArrivalReport(List.of(), List.of()), null, List.of(), false, "cairn/box", START + 22_000,
                START + 24_000, "up/box/cam1", RateLog.missing(), ModemUse.notStarted("test"));
    }

    @Test
    void backlogCountsFinishedSegmentsTheServerDoesNotHoldYet() {
        List<Delivery> d = deliveries();
        assertEquals(0, LinkFigures.backlogBytesAt(d, START + 5_000));
        assertEquals(30_000, LinkFigures.backlogBytesAt(d, START + 11_000), "segments 2, 3, 4 wait");
        assertEquals(40_000, LinkFigures.maxBacklogBytes(d), "at 12 s segment 5 joins them");
        List<LinkFigures.Second> timeline = LinkFigures.timeline(run(d));
        assertEquals(24, timeline.size(), "until the appliance stopped");
        assertEquals(30_000, timeline.get(10).backlogBytes(), "at the end of second 10");
        assertEquals(800.0, timeline.get(0).capacityKbps());
        assertEquals(1500, timeline.get(0).targetKbps());
        assertFalse(timeline.get(7).up());
    }

    @Test
    void drainEndsWhenEverySegmentWaitingAtTheOutagesEndHasArrived() {
        RunData run = run(deliveries());
        Outage outage = new Outage(6000, 6000);
        assertEquals(4, LinkFigures.waitingAt(run, outage), "segments 2 to 5");
        // Segment 4 (committed at 10 s) is the last of them to arrive, at 12.5 + 2 x 0.5 = 13.5 s; nothing waits then.
        assertEquals(OptionalLong.of(1500), LinkFigures.drainMillisAfter(run, outage));
    }

    @Test
    void aSegmentThatNeverArrivesMeansNotDrained() {
        List<Delivery> d = new ArrayList<>(deliveries());
        Delivery lost = d.get(3);
        d.set(3, new Delivery(lost.info(), lost.committedMillis(), OptionalLong.empty(), false));
        assertEquals(OptionalLong.empty(), LinkFigures.drainMillisAfter(run(d), new Outage(6000, 6000)));
    }

    @Test
    void utilizationCountsOnlyUpSecondsWithABacklogAllSecondLong() {
        Map<String, Object> u = LinkFigures.utilization(run(deliveries()));
        // Up and backlogged all second: only second 12 (the backlog is gone at 13.5 s); not the outage's seconds.
        assertEquals(1, u.get("seconds"));
        assertEquals(0.95, (double) u.get("value"), 1e-9);
        assertTrue(LinkFigures.backlogThroughout(deliveries(), START + 12_000, START + 13_000));
        assertFalse(LinkFigures.backlogThroughout(deliveries(), START + 13_000, START + 14_000));
        assertFalse(LinkFigures.backlogThroughout(deliveries(), START + 2_000, START + 3_000));
    }

    @Test
    void aSegmentOnItsWayAloneIsPendingButNoBacklogWaiting() {
        // Committed at 2 s, its PUT began at once and took 1.6 s (a slow link, nothing else to send): pending all
        // through second 2, but nothing waited in the box.
        Delivery onItsWay = new Delivery(segment(0, 0), START + 2000, OptionalLong.of(START + 3700),
                OptionalLong.of(START + 2050), true);
        assertTrue(LinkFigures.backlogThroughout(List.of(onItsWay), START + 2_100, START + 3_100));
        assertFalse(LinkFigures.waitingThroughout(List.of(onItsWay), START + 2_100, START + 3_100));
        Delivery waited = new Delivery(segment(0, 0), START + 2000, OptionalLong.of(START + 3700),
                OptionalLong.of(START + 3200), false);
        assertTrue(LinkFigures.waitingThroughout(List.of(waited), START + 2_100, START + 3_100), "its PUT began at 3.2 s");
        assertEquals(START + 3200, waited.waitedUntilMillis());
        Delivery lost = new Delivery(segment(0, 0), START + 2000, OptionalLong.empty(), false);
        assertEquals(Long.MAX_VALUE, lost.waitedUntilMillis(), "never sent: it waits to the end");
    }

    @Test
    void utilizationAlsoCountsSecondsTheRateControllerHeldTheTargetBelowTheTop() {
        RunData base = run(deliveries());
        RateLog rate = RateLog.parse(List.of(RateLogTest.rate(START - 5000, "cam1", 4, 1500, 30, 720, 1500, "start"),
                RateLogTest.rate(START + 2000, "cam1", 2, 800, 30, 720, 1500, "the queue held 3 s"),
                RateLogTest.rate(START + 4000, "cam1", 4, 1500, 30, 720, 1500, "the queue is empty again")));
        RunData run = new RunData(base.options(), base.device(), base.camera(), base.targetKbps(),
                base.linkStartMillis(), base.link(), base.outages(), base.deliveries(), base.requests(), base.arrival(),
                null, List.of(), false, "cairn/box", base.cameraStoppedMillis(), base.applianceStoppedMillis(),
                base.remoteDir(), rate, base.modem());
        Map<String, Object> u = LinkFigures.utilizationBelowTop(run);
        // Seconds 2 and 3 (below the top, 20 kB of 100 kB each) and second 12 (backlog, 95 kB of 100 kB).
        assertEquals(3, u.get("seconds"));
        assertEquals(2, u.get("seconds_below_top"));
        assertEquals(1, u.get("seconds_with_backlog"));
        assertEquals(0.45, (double) u.get("value"), 1e-9);
        List<LinkFigures.Second> timeline = LinkFigures.timeline(run);
        assertEquals(1500, timeline.get(0).targetKbps());
        assertEquals(800, timeline.get(1).targetKbps(), "in force at the end of second 1: the decision at 2 s");
        assertEquals(800, timeline.get(2).targetKbps());
        assertEquals(1500, timeline.get(3).targetKbps());
    }

    @Test
    void secondsBeforeTheFirstFrameOrAfterTheCameraStoppedAreNotHeldBackByTheTarget() {
        RunData base = run(deliveries());
        // Below the top from the start of the link to the end: only seconds the camera produced in count.
        RateLog rate = RateLog.parse(List.of(RateLogTest.rate(START - 5000, "cam1", 4, 800, 30, 720, 1500, "start")));
        List<Delivery> late = deliveries().stream().map(d -> new Delivery(segmentFrom(d, 1500), d.committedMillis(),
                d.storedMillis(), d.live())).toList();
        RunData run = new RunData(base.options(), base.device(), base.camera(), base.targetKbps(),
                base.linkStartMillis(), base.link(), base.outages(), late, base.requests(), base.arrival(),
                null, List.of(), false, "cairn/box", START + 20_000, base.applianceStoppedMillis(),
                base.remoteDir(), rate, base.modem());
        Map<String, Object> u = LinkFigures.utilizationBelowTop(run);
        // The first frame at 1.5 s: seconds 2 to 5 and 12 to 19 (the outage's are down); not 0, 1, 20 to 23.
        assertEquals(12, u.get("seconds_below_top"));
    }

    @Test
    void linkLimitedCountsOnlySecondsTheEncoderWasHeldByItsCapOrABacklogWaited() {
        RunData base = run(deliveries());
        // 10 kB every 2 s is 40 kbit/s: far below a 1500 kbit/s cap (a still scene), at a 44 kbit/s one.
        for (int capKbps : new int[] {1500, 44}) {
            RateLog rate = RateLog.parse(List.of(RateLogTest.rate(START - 5000, "cam1", 4, capKbps, 30, 720, 1500,
                    "start")));
            RunData run = new RunData(base.options(), base.device(), base.camera(), base.targetKbps(),
                    base.linkStartMillis(), base.link(), base.outages(), base.deliveries(), base.requests(),
                    base.arrival(), null, List.of(), false, "cairn/box", base.cameraStoppedMillis(),
                    base.applianceStoppedMillis(), base.remoteDir(), rate, base.modem());
            Map<String, Object> u = LinkFigures.utilization(run);
            assertEquals(1, u.get("seconds_with_backlog"));
            if (capKbps == 1500) {
                assertEquals(0, u.get("seconds_held_by_cap"), "below its cap, a scene does not limit the link");
                assertEquals(1, u.get("seconds"));
            } else {
                // Recorded 0 to 20 s, link up 0-5 and 12-19.
                assertEquals(14, u.get("seconds_held_by_cap"));
                assertEquals(14, u.get("seconds"));
            }
            assertTrue(((Number) LinkFigures.utilizationBelowTop(run).get("seconds")).intValue() >= 1);
        }
    }

    @Test
    void heldByTheCapIsJudgedByTheCapInForceNotTheRungs() {
        RunData base = run(deliveries());
        // 10 kB every 2 s is 40 kbit/s. A rung of 1500 whose cap the queue trimmed to 44, and a rung of 44 whose cap
        // the estimate lifted to 1500: held in the first, not in the second; the rung's figure says the opposite.
        for (long[] rungAndCap : new long[][] {{1500, 44}, {44, 1500}}) {
            RateLog rate = RateLog.parse(List.of(
                    RateLogTest.rate(START - 5000, "cam1", 4, rungAndCap[0], 30, 720, 1500, "start"),
                    "{\"at_ms\": " + (START - 4000) + ", \"type\": \"cap\", \"camera\": \"cam1\", \"kbps\": "
                            + rungAndCap[1] + ", \"rung_kbps\": " + rungAndCap[0] + "}"));
            RunData run = new RunData(base.options(), base.device(), base.camera(), base.targetKbps(),
                    base.linkStartMillis(), base.link(), base.outages(), base.deliveries(), base.requests(),
                    base.arrival(), null, List.of(), false, "cairn/box", base.cameraStoppedMillis(),
                    base.applianceStoppedMillis(), base.remoteDir(), rate, base.modem());
            int held = (int) LinkFigures.utilization(run).get("seconds_held_by_cap");
            int heldByRung = (int) LinkFigures.utilizationRungCap(run).get("seconds_held_by_cap");
            assertEquals(rungAndCap[1] == 44 ? 14 : 0, held, "cap " + rungAndCap[1]);
            assertEquals(rungAndCap[0] == 44 ? 14 : 0, heldByRung, "rung " + rungAndCap[0]);
        }
    }

    @Test
    void bytesPerHourSplitsWhatWentOnTheWire() {
        RunData base = run(deliveries());
        List<cairn.lab.receiver.AccessLog.Entry> requests = List.of(
                new cairn.lab.receiver.AccessLog.Entry(1, "PUT", "/up/box/cam1/000000000000.ts", 201, 10_200, 180, 0, 1, 1),
                new cairn.lab.receiver.AccessLog.Entry(1, "PUT", "/up/box/cam1/live.m3u8", 204, 500, 180, 0, 1, 2));
        RunData run = new RunData(base.options(), base.device(), base.camera(), base.targetKbps(),
                base.linkStartMillis(), base.link(), base.outages(), base.deliveries(), requests, base.arrival(),
                null, List.of(), false, "cairn/box", base.cameraStoppedMillis(), base.applianceStoppedMillis(),
                base.remoteDir(), base.rate(), base.modem(), 3600);
        Map<String, Object> h = WireBytes.perHour(run);
        double hours = 24 / 3600.0; // the appliance stopped 24 s after the link's start
        assertEquals(Math.round(10_200 / hours), h.get("segments"));
        assertEquals(Math.round(500 / hours), h.get("playlists"));
        assertEquals(Math.round(3600 / hours), h.get("mqtt"));
        long carried = base.link().stream().mapToLong(l -> l.uplink().carriedBytes()).limit(24).sum();
        assertEquals(Math.round((carried + 3600) / hours), h.get("total_on_wire"));
    }

    /** The same segment with its first frame {@code shiftMs} later. */
    private static SegmentInfo segmentFrom(Delivery d, long shiftMs) {
        return d.info().withWallClock(d.info().startWallMillis() + shiftMs, d.info().endWallMillis());
    }

    @Test
    void latencyIsForLiveSegmentsWithNearestRankPercentiles() {
        Map<String, Object> l = ScenarioReport.latency(deliveries());
        // Live segments: capture start to stored = 2 s + 0.3 s.
        assertEquals(2300L, l.get("p50"));
        assertEquals(2300L, l.get("max"));
        assertEquals(7, l.get("live_segments"));
        assertEquals(3, l.get("backlog_segments"));
        assertEquals(3L, ScenarioReport.percentile(List.of(1L, 2L, 3L, 4L), 50) + 1);
        assertEquals(4L, ScenarioReport.percentile(List.of(1L, 2L, 3L, 4L), 95));
        assertNull(ScenarioReport.percentile(List.of(), 50));
    }

    @Test
    void aSegmentIsLiveWhenTheNextRequestOnItsConnectionStoresTheLivePlaylist() {
        List<SegmentInfo> produced = List.of(segment(0, 0), segment(1, 2000), segment(2, 4000));
        List<AccessLog.Entry> log = List.of(
                entry(2.5, "/up/box/cam1/000000000000.ts", 201, 7, 1),
                entry(2.6, "/up/box/cam1/live.m3u8", 201, 7, 2),
                entry(9.0, "/up/box/cam1/000000000001.ts", 408, 7, 3),
                entry(12.5, "/up/box/cam1/000000000002.ts", 201, 9, 1),
                entry(12.6, "/up/box/cam1/live.m3u8", 204, 9, 2),
                entry(13.0, "/up/box/cam1/000000000001.ts", 201, 9, 3),
                entry(13.1, "/up/box/cam1/2026-11-21.m3u8", 201, 9, 4));
        List<Delivery> d = Delivery.join(produced, Map.of(), log, NAMING);
        assertTrue(d.get(0).live());
        assertFalse(d.get(1).live(), "backfilled: followed by the archive playlist");
        assertEquals(START + 13_000, d.get(1).storedMillis().getAsLong(), "the first PUT that nginx stored");
        assertEquals(START + 12_900, d.get(1).sentMillis().getAsLong(), "that PUT's end less its request_time");
        assertTrue(d.get(2).live());
        assertEquals(START + 2000, d.get(0).committedMillis(), "no copy: its capture's end");
    }

    private static AccessLog.Entry entry(double t, String path, int status, long connection, int request) {
        return new AccessLog.Entry(START / 1000.0 + t, "PUT", path, status, 10_000, 100, 0.1, connection, request);
    }

    @Test
    void mqttCountsHealthAndCollapsesRepeatedStates() {
        RunData base = run(deliveries());
        List<MqttWatch.Message> messages = List.of(msg("cairn/box/state", "online"), msg("cairn/box/health", "{}"),
                msg("cairn/box/state", "online"), msg("cairn/box/state", "offline"), msg("cairn/box/health", "{}"),
                msg("cairn/other/health", "{}"), msg("cairn/box/state", "online"));
        RunData run = new RunData(base.options(), base.device(), base.camera(), base.targetKbps(),
                base.linkStartMillis(), base.link(), base.outages(), base.deliveries(), base.requests(), base.arrival(),
                null, messages, true, "cairn/box", base.cameraStoppedMillis(), base.applianceStoppedMillis(),
                base.remoteDir(), base.rate(), base.modem());
        Map<String, Object> m = ScenarioReport.mqtt(run);
        assertEquals(2, m.get("health_messages"));
        assertEquals(List.of("online", "offline", "online"), m.get("state_transitions"));
    }

    private static MqttWatch.Message msg(String topic, String text) {
        return new MqttWatch.Message(0, false, topic, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void playlistsPutTheDayArchiveBeforeLive(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path cam = java.nio.file.Files.createDirectories(dir.resolve("receiver/www/up/box/cam1"));
        for (String f : List.of("live.m3u8", "2026-11-21.m3u8", "000000000000.ts")) {
            java.nio.file.Files.writeString(cam.resolve(f), "x");
        }
        assertEquals(List.of("receiver/www/up/box/cam1/2026-11-21.m3u8", "receiver/www/up/box/cam1/live.m3u8"),
                ScenarioCommand.playlists(dir, "up/box/cam1"));
    }
}
