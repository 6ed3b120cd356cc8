package cairn.lab.ratesim;

import cairn.config.Ladder;
import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import cairn.lab.link.MahimahiTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code lab rate-sim}: replays traces through the rate controller in simulated time (see {@link RateSimulation}). */
public final class RateSimCommand implements Subcommand {
    @Override
    public String name() {
        return "rate-sim";
    }

    @Override
    public String summary() {
        return "replay traces through the rate controller in simulated time (seconds, not minutes)";
    }

    @Override
    public String usage() {
        return """
                usage: test-rig/lab rate-sim --duration SECONDS [--fixed-kbps K] [--rtt-ms MS] [--seeds N] TRACE...
                  Replays each Mahimahi uplink TRACE through Cairn's RateController and LinkMonitor with a model
                  of the encoder and uplink, and prints utilization, live latency and rung changes per trace.
                  --fixed-kbps K   rate control off: the encoder holds K kbit/s (0: the trace's mean rate)
                  --rtt-ms MS      the round trip of every request (default 150, as the scenario's default; 0 for none)
                  --seeds N        the mean over N runs with different encoder spreads (default 1): one run's
                                   figures hang on its path through the trace, so weigh a change over several

                usage: test-rig/lab rate-sim --data-budget SIZE [--days N] [--renewal-day D] [--motion-kbps K]
                                             [--still-kbps K] [--out FILE] TRACE
                  A month of the data plan in seconds (see BudgetSimulation): Cairn's DataBudget on a simulated
                  clock from 1 December, the trace looped as the link, a scene that from 07:00 to 19:00 UTC
                  plays the office clip (60 s) and then 60 s of still, over and over, and is still at night. Prints the plan's state every few days (as
                  status.json and MQTT health show it), what was spent and how much motion went live.
                  --data-budget SIZE  as uplink.data_budget, e.g. 10GiB
                  --days N            days to simulate (default 31: one whole period)
                  --renewal-day D     as uplink.budget_renewal_day (default 1)
                  --motion-kbps K     what the clip costs (default 82: the office clip, 720p, cairn's own
                                      CRF under a 300 kbit/s cap, codec-bench 2026-12-03-issue11)
                  --still-kbps K      what it wants while still (default 29: the still 720p pattern with an
                                      uplink, all bytes on the wire, 2026-12-03-issue11)
                  --out FILE          also write the figures as JSON
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        double duration = 600;
        Integer fixed = null;
        long rtt = 150;
        int seeds = 1;
        List<String> traces = new java.util.ArrayList<>();
        BudgetArgs budget = new BudgetArgs();
        for (int i = 0; i < args.size(); i++) {
            if (budget.take(args, i)) {
                i++;
                continue;
            }
            switch (args.get(i)) {
                case "--duration" -> duration = Double.parseDouble(value(args, ++i, "--duration"));
                case "--fixed-kbps" -> fixed = Integer.parseInt(value(args, ++i, "--fixed-kbps"));
                case "--rtt-ms" -> rtt = Long.parseLong(value(args, ++i, "--rtt-ms"));
                case "--seeds" -> seeds = Integer.parseInt(value(args, ++i, "--seeds"));
                default -> traces.add(args.get(i));
            }
        }
        if (seeds < 1) {
            throw new UsageException("--seeds must be at least 1");
        }
        if (traces.isEmpty()) {
            throw new UsageException("give at least one TRACE");
        }
        if (budget.budgetBytes() > 0) {
            return budget.simulate(traces, out, err);
        }
        out.printf(Locale.ROOT, "%-34s %8s %6s %6s %7s %7s %8s %7s %7s %5s %5s%n", "trace", "mode", "util", "p50_ms", "p95_ms",
                "max_ms", "chg/min", "target", "mean", "live", "backlog");
        for (String t : traces) {
            MahimahiTrace trace;
            try {
                trace = MahimahiTrace.load(Path.of(t));
            } catch (IOException e) {
                err.println("lab rate-sim: cannot read " + t + ": " + e.getMessage());
                return 1;
            }
            int k = fixed == null ? 0 : fixed == 0 ? (int) Math.round(trace.meanKbps()) : fixed;
            double[] sum = new double[9]; // the mean of each figure printed, in order
            for (int seed = 0; seed < seeds; seed++) {
                var r = new RateSimulation(trace, Ladder.parse(Ladder.DEFAULT), 0.25, rtt, 42 + seed).run(duration, k);
                double[] f = {r.utilization(), r.latencyP50(), r.latencyP95(), r.latencyMax(), r.changesPerMin(),
                        r.meanTargetKbps(), r.meanCapacityKbps(), r.liveSegments(), r.backlogSegments()};
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += f[j] / seeds;
                }
            }
            out.printf(Locale.ROOT, "%-34s %8s %6.3f %6.0f %7.0f %7.0f %8.2f %7.0f %7.0f %5.0f %5.0f%n", trace.name(),
                    k == 0 ? "cairn" : "fixed" + k, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7],
                    sum[8]);
        }
        return 0;
    }

    private static String value(List<String> args, int i, String flag) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }
}
