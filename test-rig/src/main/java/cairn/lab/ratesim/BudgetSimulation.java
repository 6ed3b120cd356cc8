package cairn.lab.ratesim;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.CairnConfig.BudgetConfig;
import cairn.lab.link.MahimahiTrace;
import cairn.uplink.DataBudget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A month of the data plan in simulated time, through Cairn's own {@link DataBudget} on a clock the
 * simulation moves: every {@link #STEP_S} seconds the scene wants some kbit/s, the link (the trace,
 * looped) and the budget's cap allow some, and what goes is counted, with MQTT health on top and,
 * once the budget is spent, only the heartbeat. The scene is a {@link Scene}: its motion comes in
 * bouts in the day's active hours, still the rest of the time.
 */
final class BudgetSimulation {
    static final int STEP_S = 10;
    /**
     * MQTT at the defaults: health every 300 s (about 500 bytes on the wire with its acknowledgement) and the
     * keep-alive pings (about 6 kB an hour, MqttLink), about 200 bytes a minute.
     */
    static final long HEALTH_BYTES_PER_MIN = 200;

    /**
     * What a camera wants: {@code motionKbps} for {@code boutS} every {@code everyS} between
     * {@code fromHour} and {@code toHour} (UTC), {@code stillKbps} otherwise.
     */
    record Scene(double motionKbps, double stillKbps, int boutS, int everyS, int fromHour, int toHour) {
        boolean motionAt(long secondOfMonth) {
            int hour = (int) (secondOfMonth % 86_400 / 3600);
            return hour >= fromHour && hour < toHour && secondOfMonth % everyS < boutS;
        }
    }

    /** One day at its end: where the plan stood, as status.json and MQTT health show it. */
    record Day(int day, Map<String, Object> status, double motionLiveShare) {}

    record Result(long budgetBytes, long spentBytes, long wantedBytes, long motionSeconds, long motionLiveSeconds,
            long heartbeats, List<Day> days, List<String> events) {
        double spentShare() {
            return spentBytes / (double) budgetBytes;
        }
    }

    private final MahimahiTrace trace;
    private final Scene scene;

    BudgetSimulation(MahimahiTrace trace, Scene scene) {
        this.trace = trace;
        this.scene = scene;
    }

    /** {@code days} days from 00:00 UTC on {@code start}, the plan renewing on {@code renewalDay}. */
    Result run(long budgetBytes, int days, Instant start, int renewalDay, double heartbeatS, long snapshotBytes,
            Path scratch) throws IOException {
        Instant[] now = {start};
        EventBus bus = new EventBus();
        List<String> events = new ArrayList<>();
        bus.subscribe((Event e) -> events.add(e.type() + " day " + (1 + (e.at().getEpochSecond()
                - start.getEpochSecond()) / 86_400)));
        DataBudget budget = new DataBudget(new BudgetConfig(budgetBytes, renewalDay, heartbeatS), () -> now[0],
                scratch.resolve("budget.json"), bus);
        long wanted = 0;
        long motion = 0;
        long motionLive = 0;
        long heartbeats = 0;
        long lastHeartbeat = Long.MIN_VALUE;
        long dayMotion = 0;
        long dayLive = 0;
        List<Day> daily = new ArrayList<>();
        for (long t = 0; t < days * 86_400L; t += STEP_S) {
            now[0] = start.plusSeconds(t);
            boolean inMotion = scene.motionAt(t);
            double want = inMotion ? scene.motionKbps() : scene.stillKbps();
            wanted += Math.round(want * 125 * STEP_S);
            double link = trace.opportunitiesBetween(t * 1000, (t + STEP_S) * 1000)
                    * MahimahiTrace.PACKET_BYTES * 8.0 / 1000 / STEP_S;
            double cap = Math.min(link, budget.capKbps());
            if (budget.segmentsAllowed() && cap > 0) {
                budget.add(Math.round(Math.min(want, cap) * 125 * STEP_S));
                if (inMotion) {
                    motionLive += STEP_S;
                    dayLive += STEP_S;
                }
            } else if (t - lastHeartbeat >= heartbeatS) {
                budget.add(snapshotBytes);
                heartbeats++;
                lastHeartbeat = t;
            }
            if (inMotion) {
                motion += STEP_S;
                dayMotion += STEP_S;
            }
            if (t % 60 == 0) {
                budget.add(HEALTH_BYTES_PER_MIN);
            }
            if ((t + STEP_S) % 86_400 == 0) {
                daily.add(new Day((int) ((t + STEP_S) / 86_400), budget.status(),
                        dayMotion == 0 ? 1 : dayLive / (double) dayMotion));
                dayMotion = 0;
                dayLive = 0;
            }
        }
        now[0] = start.plusSeconds(days * 86_400L - 1);
        long spent = ((Number) budget.status().get("spent_bytes")).longValue();
        return new Result(budgetBytes, spent, wanted, motion, motionLive, heartbeats, daily, events);
    }
}
