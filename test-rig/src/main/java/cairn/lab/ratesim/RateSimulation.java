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
import cairn.uplink.UploadSample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;

/**
 * Replays a trace through Cairn's own {@link RateController} and {@link LinkMonitor} with a model
 * of the rest, in simulated time: an encoder that hits its target within a random spread (a key
 * segment every {@code keyEveryS}, bounded by its one-second buffer), and an uplink that sends one
 * request at a time over the trace's delivery opportunities, live segments first, each followed
 * by a playlist. Minutes of trace take a fraction of a second, so the controller's constants can be
 * weighed before a real run; the scenario is the real test.
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

    record Segment(double captureS, double readyS, long bytes, boolean key) {}

    record Result(double utilization, double latencyP50, double latencyP95, double latencyMax, int changes,
            double changesPerMin, int liveSegments, int backlogSegments, double meanTargetKbps, double meanCapacityKbps,
            List<double[]> timeline) {}

    private final MahimahiTrace trace;
    private final Ladder ladder;
    private final double backfillShare;
    private final Random random;

    private final long rttMs;

    RateSimulation(MahimahiTrace trace, Ladder ladder, double backfillShare) {
        this(trace, ladder, backfillShare, 0, 42);
    }

    /**
     * @param rttMs a round trip added to every request: its bytes start half of it late, the answer comes half of it after
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
        int kbps = fixedKbps > 0 ? fixedKbps : controller.start().get(0).target().kbps();
        int encodeKbps = kbps;
        ArrayDeque<Segment> pending = new ArrayDeque<>();
        List<Double> latencies = new ArrayList<>();
        List<double[]> timeline = new ArrayList<>();
        int backlogSent = 0;
        int changes = 0;
        double nextSegmentS = 0;
        long usedOpportunities = 0;
        long requestEndMs = -1;
        long requestBytes = 0;
        long requestStartMs = 0;
        Segment inFlight = null;
        boolean playlistNext = false;
        boolean keyWanted = false;
        double lastLiveCapture = -1;
        long nextKey = 0;
        double targetSum = 0;
        double queueS = 0;
        int ticks = 0;
        long endMs = (long) (durationS * 1000);
        for (long t = 0; t <= endMs + 120_000; t += STEP_MS) {
            double ts = t / 1000.0;
            clock[0] = t;
            if (t % MODEM_EVERY_MS == 0 && t <= endMs) {
                modem.poll();
            }
            if (t <= endMs) {
                while (nextSegmentS + SEGMENT_S <= ts) {
                    double spread = Math.exp(random.nextGaussian() * 0.25 - 0.03);
                    double bits = encodeKbps * 1000 * SEGMENT_S * spread;
                    boolean key = nextSegmentS >= nextKey || keyWanted;
                    if (key) {
                        keyWanted = false;
                        nextKey = (long) (nextSegmentS + KEY_EVERY_S);
                        bits = Math.min(bits * 3, encodeKbps * 1000 * (SEGMENT_S + BUFFER_S));
                    }
                    pending.addLast(new Segment(nextSegmentS, nextSegmentS + SEGMENT_S + 0.05, (long) (bits / 8), key));
                    nextSegmentS += SEGMENT_S;
                }
            }
            if (inFlight == null && requestEndMs < 0) {
                // pick: a playlist owed, else the oldest fresh segment, else the backlog
                Segment pick = null;
                boolean live = false;
                if (playlistNext) {
                    requestBytes = PLAYLIST_BYTES + HEADER_BYTES;
                    playlistNext = false;
                } else {
                    for (Segment s : pending) {
                        if (s.readyS() <= ts && ts - s.readyS() <= LIVE_MAX_AGE_S) {
                            boolean continues = Math.abs(s.captureS() - SEGMENT_S - lastLiveCapture) < 1e-6;
                            if (continues || s.key() || lastLiveCapture < 0) {
                                pick = s;
                                live = true;
                            } else {
                                keyWanted = true;
                            }
                            break;
                        }
                    }
                    if (pick == null) {
                        pick = pending.stream().filter(s -> s.readyS() <= ts).findFirst().orElse(null);
                    }
                    if (pick != null) {
                        requestBytes = pick.bytes() + HEADER_BYTES;
                        inFlight = live ? pick : new Segment(-pick.captureS() - 1, pick.readyS(), pick.bytes(), false);
                        if (live) {
                            lastLiveCapture = pick.captureS();
                        }
                        pending.remove(pick);
                    } else {
                        requestBytes = 0;
                    }
                }
                if (requestBytes > 0) {
                    long first = trace.opportunitiesBefore(t + rttMs / 2);
                    long packets = (requestBytes + MahimahiTrace.PACKET_BYTES - 1) / MahimahiTrace.PACKET_BYTES;
                    requestEndMs = trace.opportunityMs(first + packets - 1) + 1 + rttMs / 2;
                    requestStartMs = t;
                    if (t <= endMs) {
                        usedOpportunities += packets;
                    }
                }
            }
            if (requestEndMs >= 0 && t >= requestEndMs) {
                long nanos = (requestEndMs - requestStartMs) * 1_000_000L;
                boolean segment = inFlight != null;
                monitor.record(new UploadSample("cam1", requestBytes, Math.max(nanos, 1_000_000), segment,
                        200), t * 1_000_000L);
                if (segment) {
                    if (inFlight.captureS() >= 0) {
                        latencies.add((requestEndMs / 1000.0 - inFlight.captureS()) * 1000);
                        playlistNext = true;
                    } else {
                        backlogSent++;
                    }
                }
                inFlight = null;
                requestEndMs = -1;
            }
            if (t % TICK_MS == 0 && t <= endMs) {
                long liveQueue = 0;
                long backlog = 0;
                for (Segment s : pending) {
                    if (s.readyS() <= ts && ts - s.readyS() <= LIVE_MAX_AGE_S) {
                        liveQueue += s.bytes();
                    } else if (s.readyS() <= ts) {
                        backlog += s.bytes();
                    }
                }
                boolean waiting = !pending.isEmpty() && pending.peekFirst().readyS() <= ts || inFlight != null;
                boolean down = outage.update(t * 1_000_000L, waiting, monitor.lastDeliveryNanos());
                if (fixedKbps == 0) {
                    OptionalDouble estimate = monitor.estimateKbps(t * 1_000_000L);
                    queueS = RateController.queueSeconds(liveQueue, estimate);
                    var decisions = controller.tick(t * 1_000_000L, new RateController.LinkState(
                            estimate, backlog, down, modem.takeHint(), queueS));
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
                }
                if (fixedKbps == 0) {
                    encodeKbps = down ? kbps : controller.targetKbps("cam1", queueS);
                } else {
                    encodeKbps = kbps;
                }
                targetSum += kbps;
                ticks++;
                if (t % 1000 == 0) {
                    double cap = trace.opportunitiesBetween(t - 1000, t) * 1500 * 8 / 1000.0;
                    timeline.add(new double[] {ts, cap, kbps, liveQueue + backlog});
                }
            }
        }
        long capacity = trace.opportunitiesBetween(0, endMs);
        double[] lat = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(usedOpportunities / (double) capacity, pct(lat, 0.5), pct(lat, 0.95),
                lat.length == 0 ? 0 : lat[lat.length - 1], changes, changes / (durationS / 60), lat.length, backlogSent,
                targetSum / Math.max(1, ticks), trace.meanKbps(), timeline);
    }

    private static double pct(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    @Override
    public String toString() {
        return "RateSimulation[" + trace.name() + ", " + Arrays.toString(new Object[] {ladder})+ "]";
    }
}
