package cairn.lab.ratesim;

import cairn.config.Ladder;
import cairn.lab.link.LinkSchedule;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.modem.NetworkFamily;
import cairn.lab.modem.TraceRadio;
import cairn.link.LinkMonitor;
import cairn.link.ModemWatch;
import cairn.link.OutageDetector;
import cairn.rate.RateController;
import cairn.segment.SegmentInfo;
import cairn.spool.SendOrder;
import cairn.uplink.InFlight;
import cairn.uplink.UploadSample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Replays a trace through Cairn's own {@link RateController}, {@link LinkMonitor}, {@link SendOrder} (what goes
 * next) and {@link InFlight} (how much may be in flight) with a model of the rest, in simulated time: an encoder
 * that hits its target within a random spread (a key segment every {@code keyEveryS}, bounded by its one-second
 * buffer), and a link that carries every request's bytes first come first served over the trace's delivery
 * opportunities, each request starting half a round trip after it is sent and answered half a round trip after its
 * last packet; each live segment is followed by its playlist (one in flight at a time). Minutes of trace take a
 * fraction of a second, so the controller's constants can be weighed before a real run; the scenario is the real
 * test.
 */
final class RateSimulation {
    static final double SEGMENT_S = 0.5;
    static final double KEY_EVERY_S = 10;
    /** The encoder's buffer: a key segment carries at most this much more than its share. */
    static final double BUFFER_S = 1.0;
    static final long PLAYLIST_BYTES = 1_200;
    static final long HEADER_BYTES = 350;
    static final double LIVE_MAX_AGE_S = 2.0;
    static final long TICK_MS = 250;
    static final long STEP_MS = 5;
    /** As the appliance's default {@code link.modem_interval}. */
    static final long MODEM_EVERY_MS = 5_000;
    private static final long MS = 1_000_000L;

    record Result(double utilization, double latencyP50, double latencyP95, double latencyMax, int changes,
            double changesPerMin, int liveSegments, int backlogSegments, double meanTargetKbps, double meanCapacityKbps,
            List<double[]> timeline) {}

    /** A request on the simulated link: a segment (live or not) or a playlist. */
    private record Request(SegmentInfo segment, boolean live, long bytes, long startMs, long endMs, long inFlightId) {}

    private final MahimahiTrace trace;
    private final Ladder ladder;
    private final double backfillShare;
    private final Random random;
    private final long rttMs;

    RateSimulation(MahimahiTrace trace, Ladder ladder, double backfillShare) {
        this(trace, ladder, backfillShare, 0, 42);
    }

    /**
     * @param rttMs the round trip: a request's bytes reach the link half of it after it is sent, its answer comes
     *     half of it after its last packet
     * @param seed the encoder's spread of segment sizes; the controller's path, and so its figures, depend on it
     */
    RateSimulation(MahimahiTrace trace, Ladder ladder, double backfillShare, long rttMs, long seed) {
        this.random = new Random(seed);
        this.rttMs = rttMs;
        this.trace = trace;
        this.ladder = ladder;
        this.backfillShare = backfillShare;
    }

    Result run(double durationS, int fixedKbps) {
        LinkMonitor monitor = new LinkMonitor();
        OutageDetector outage = new OutageDetector();
        long[] clock = {0};
        ModemWatch modem = new ModemWatch(new SimulatedModem(new TraceRadio(new LinkSchedule(Optional.of(trace),
                List.of()), NetworkFamily.ofTrace(trace.name())), () -> clock[0]));
        RateController controller = new RateController(
                List.of(new RateController.Camera("cam1", ladder, 1)), backfillShare);
        MemorySpool spool = new MemorySpool("cam1");
        boolean[] keyWanted = {false};
        SendOrder order = new SendOrder(spool, "sim", (long) (LIVE_MAX_AGE_S * 1000) * MS, false, c -> -1,
                c -> keyWanted[0] = true);
        InFlight inFlight = new InFlight();
        List<SegmentInfo> encoding = new ArrayList<>(); // closed, committed to the spool 50 ms later
        List<Request> requests = new ArrayList<>();
        int kbps = fixedKbps > 0 ? fixedKbps : controller.start().get(0).target().kbps();
        int encodeKbps = kbps;
        List<Double> latencies = new ArrayList<>();
        List<double[]> timeline = new ArrayList<>();
        int backlogSent = 0;
        int changes = 0;
        double nextSegmentS = 0;
        long sequence = 0;
        long usedOpportunities = 0;
        long linkFreeFrom = 0; // the first delivery opportunity no request has taken yet
        boolean playlistOwed = false;
        boolean playlistInFlight = false;
        long nextKey = 0;
        double targetSum = 0;
        double queueS = 0;
        int ticks = 0;
        long endMs = (long) (durationS * 1000);
        for (long t = 0; t <= endMs + 120_000; t += STEP_MS) {
            double ts = t / 1000.0;
            long now = t * MS;
            clock[0] = t;
            if (t % MODEM_EVERY_MS == 0 && t <= endMs) {
                modem.poll();
            }
            if (t <= endMs) {
                while (nextSegmentS + SEGMENT_S <= ts) {
                    double spread = Math.exp(random.nextGaussian() * 0.25 - 0.03);
                    double bits = encodeKbps * 1000 * SEGMENT_S * spread;
                    boolean key = nextSegmentS >= nextKey || keyWanted[0];
                    if (key) {
                        keyWanted[0] = false;
                        nextKey = (long) (nextSegmentS + KEY_EVERY_S);
                        bits = Math.min(bits * 3, encodeKbps * 1000 * (SEGMENT_S + BUFFER_S));
                    }
                    long startMono = (long) (nextSegmentS * 1000) * MS;
                    long readyMono = (long) ((nextSegmentS + SEGMENT_S + 0.05) * 1000) * MS;
                    encoding.add(new SegmentInfo("cam1", "sim", sequence++, startMono, readyMono, startMono / MS,
                            readyMono / MS, true, key, 1, (long) (bits / 8), "", 0, 0, 0, "model"));
                    nextSegmentS += SEGMENT_S;
                }
            }
            for (Iterator<SegmentInfo> it = encoding.iterator(); it.hasNext(); ) {
                SegmentInfo s = it.next();
                if (s.endMonoNanos() <= now) {
                    spool.add(s);
                    it.remove();
                }
            }
            // Answers first, then what may start: as the uplink's dispatcher does.
            for (Iterator<Request> it = requests.iterator(); it.hasNext(); ) {
                Request r = it.next();
                if (r.endMs() > t) {
                    continue;
                }
                it.remove();
                monitor.record(new UploadSample(r.segment() == null ? "" : "cam1", r.bytes(),
                        Math.max(r.endMs() - r.startMs(), 1) * MS, r.live(), 200), now);
                inFlight.end(r.inFlightId(), now, true);
                if (r.segment() == null) {
                    playlistInFlight = false;
                    continue;
                }
                order.done(r.segment());
                spool.delivered(r.segment());
                if (r.live()) {
                    latencies.add((double) (r.endMs() - r.segment().startMonoNanos() / MS));
                    playlistOwed = true;
                } else {
                    backlogSent++;
                }
            }
            if (playlistOwed && !playlistInFlight) {
                playlistOwed = false;
                playlistInFlight = true;
                Request p = carry(null, false, PLAYLIST_BYTES + HEADER_BYTES, t, linkFreeFrom, inFlight.startSmall(now));
                linkFreeFrom = taken(p, t, linkFreeFrom);
                usedOpportunities += t <= endMs ? packets(p.bytes()) : 0;
                requests.add(p);
            }
            while (true) {
                InFlight.Room room = inFlight.room(monitor.estimateKbps(now), monitor.roundTripNanos(), now);
                if (room == InFlight.Room.NONE) {
                    break;
                }
                Optional<SendOrder.Pick> pick = room == InFlight.Room.ANY ? order.next(now, true) : order.nextLive(now);
                if (pick.isEmpty()) {
                    break;
                }
                SegmentInfo s = pick.get().segment();
                long bytes = s.bytes() + HEADER_BYTES;
                Request r = carry(s, pick.get().live(), bytes, t, linkFreeFrom, inFlight.start(s.bytes(),
                        pick.get().live(), now));
                linkFreeFrom = taken(r, t, linkFreeFrom);
                usedOpportunities += t <= endMs ? packets(bytes) : 0;
                requests.add(r);
            }
            if (t % TICK_MS == 0 && t <= endMs) {
                SendOrder.Waiting w = order.waiting(now);
                boolean waiting = !spool.isEmpty() || !requests.isEmpty();
                boolean down = outage.update(now, waiting, monitor.lastDeliveryNanos());
                if (fixedKbps == 0) {
                    OptionalDouble estimate = monitor.estimateKbps(now);
                    queueS = RateController.queueSeconds(w.liveBytes(), estimate);
                    var decisions = controller.tick(now, new RateController.LinkState(
                            estimate, w.backlogBytes(), down, modem.takeHint(), queueS, monitor.recentKbps(now)));
                    for (var d : decisions) {
                        if (System.getenv("SIM_DEBUG") != null) {
                            System.err.printf("%7.2f %5d -> %5d est %6.0f q %5d  %s%n", ts, kbps, d.target().kbps(),
                                    d.estimateKbps(), d.queueMs(), d.reason());
                        }
                        if (d.target().kbps() != kbps) {
                            changes++;
                        }
                        kbps = d.target().kbps();
                    }
                    encodeKbps = down ? kbps : controller.targetKbps("cam1", queueS);
                } else {
                    encodeKbps = kbps;
                }
                targetSum += kbps;
                ticks++;
                if (t % 1000 == 0) {
                    double cap = trace.opportunitiesBetween(t - 1000, t) * 1500 * 8 / 1000.0;
                    timeline.add(new double[] {ts, cap, kbps, w.liveBytes() + w.backlogBytes()});
                }
            }
        }
        long capacity = trace.opportunitiesBetween(0, endMs);
        double[] lat = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(usedOpportunities / (double) capacity, pct(lat, 0.5), pct(lat, 0.95),
                lat.length == 0 ? 0 : lat[lat.length - 1], changes, changes / (durationS / 60), lat.length, backlogSent,
                targetSum / Math.max(1, ticks), trace.meanKbps(), timeline);
    }

    private static long packets(long bytes) {
        return (bytes + MahimahiTrace.PACKET_BYTES - 1) / MahimahiTrace.PACKET_BYTES;
    }

    /** A request sent at {@code t}: its packets take the first free opportunities from half a round trip on. */
    private Request carry(SegmentInfo s, boolean live, long bytes, long t, long linkFreeFrom, long inFlightId) {
        long first = Math.max(trace.opportunitiesBefore(t + rttMs / 2), linkFreeFrom);
        long end = trace.opportunityMs(first + packets(bytes) - 1) + 1 + rttMs / 2;
        return new Request(s, live, bytes, t, end, inFlightId);
    }

    private long taken(Request r, long t, long linkFreeFrom) {
        return Math.max(trace.opportunitiesBefore(t + rttMs / 2), linkFreeFrom) + packets(r.bytes());
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    @Override
    public String toString() {
        return "RateSimulation[" + trace.name() + ", " + ladder + "]";
    }
}
