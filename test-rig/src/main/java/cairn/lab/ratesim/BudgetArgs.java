package cairn.lab.ratesim;

import cairn.config.ConfigException;
import cairn.config.ConfigLoader;
import cairn.lab.UsageException;
import cairn.lab.link.MahimahiTrace;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The {@code --data-budget} flags of {@code lab rate-sim} and the month they simulate. */
final class BudgetArgs {
    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    private long budgetBytes;
    private int days = 31;
    private int renewalDay = 1;
    private double motionKbps = 82;
    private double stillKbps = 29;
    private Path out;

    /** Takes the flag at {@code i} and its value if it is one of these; false otherwise. */
    boolean take(List<String> args, int i) throws UsageException {
        String flag = args.get(i);
        if (!List.of("--data-budget", "--days", "--renewal-day", "--motion-kbps", "--still-kbps", "--out")
                .contains(flag)) {
            return false;
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        String v = args.get(i + 1);
        try {
            switch (flag) {
                case "--data-budget" -> budgetBytes = config(List.of("uplink.data_budget=" + v)).bytes();
                case "--renewal-day" -> renewalDay = config(List.of("uplink.budget_renewal_day=" + v)).renewalDay();
                case "--days" -> days = Integer.parseInt(v);
                case "--motion-kbps" -> motionKbps = Double.parseDouble(v);
                case "--still-kbps" -> stillKbps = Double.parseDouble(v);
                default -> out = Path.of(v);
            }
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a number, got '" + v + "'");
        }
        if (days < 1 || motionKbps < 0 || stillKbps < 0) {
            throw new UsageException("--days must be at least 1 and the kbit/s not negative");
        }
        return true;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    private static cairn.config.CairnConfig.BudgetConfig config(List<String> sets) throws UsageException {
        try {
            return ConfigLoader.load(Optional.empty(), sets).budget();
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    int simulate(List<String> traces, PrintStream out, PrintStream err) {
        if (traces.size() != 1) {
            err.println("lab rate-sim: --data-budget takes one TRACE");
            return 2;
        }
        try {
            MahimahiTrace trace = MahimahiTrace.load(Path.of(traces.get(0)));
            BudgetSimulation.Scene scene = new BudgetSimulation.Scene(motionKbps, stillKbps, 60, 120, 7, 19);
            Path scratch = Files.createTempDirectory("rate-sim-budget");
            BudgetSimulation.Result r = new BudgetSimulation(trace, scene).run(budgetBytes, days, START, renewalDay,
                    900, 30_000, scratch);
            print(trace, r, out);
            if (this.out != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(this.out.toFile(),
                        json(trace, r));
            }
            return 0;
        } catch (IOException e) {
            err.println("lab rate-sim: " + e.getMessage());
            return 1;
        }
    }

    private void print(MahimahiTrace trace, BudgetSimulation.Result r, PrintStream out) {
        out.printf(Locale.ROOT, "%s, budget %.2f GiB, %d days from %s, motion %.0f kbit/s in 60 s bouts every 2 min"
                + " 07-19 UTC, still %.0f kbit/s%n", trace.name(), r.budgetBytes() / (double) (1L << 30), days, START,
                motionKbps, stillKbps);
        out.printf(Locale.ROOT, "%4s %-7s %9s %9s %10s %9s%n", "day", "state", "spent_GiB", "share", "proj_GiB",
                "motion_live");
        for (BudgetSimulation.Day d : r.days()) {
            if (d.day() % 3 == 0 || d.day() == r.days().size() || d.day() == 1) {
                Map<String, Object> s = d.status();
                out.printf(Locale.ROOT, "%4d %-7s %9.3f %9.3f %10.3f %9.3f%n", d.day(), s.get("state"),
                        gib(s.get("spent_bytes")), ((Number) s.get("spent_share")).doubleValue(),
                        gib(s.get("projected_bytes")), d.motionLiveShare());
            }
        }
        out.printf(Locale.ROOT, "wanted %.2f GiB, spent %.3f GiB = %.1f %% of the budget; motion live %.1f %% of %d s;"
                + " heartbeats %d; events %s%n", r.wantedBytes() / (double) (1L << 30), gib(r.spentBytes()),
                r.spentShare() * 100, r.motionLiveSeconds() * 100.0 / Math.max(1, r.motionSeconds()),
                r.motionSeconds(), r.heartbeats(), r.events());
    }

    private Map<String, Object> json(MahimahiTrace trace, BudgetSimulation.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trace", trace.name());
        m.put("days", days);
        m.put("scene", Map.of("motion_kbps", motionKbps, "still_kbps", stillKbps, "bout_s", 60, "every_s", 120,
                "active_hours_utc", "07-19"));
        m.put("budget_bytes", r.budgetBytes());
        m.put("wanted_bytes", r.wantedBytes());
        m.put("spent_bytes", r.spentBytes());
        m.put("spent_share", r.spentShare());
        m.put("motion_live_share", r.motionLiveSeconds() / (double) Math.max(1, r.motionSeconds()));
        m.put("heartbeats", r.heartbeats());
        m.put("events", r.events());
        m.put("days_status", r.days().stream().map(d -> Map.of("day", d.day(), "status", d.status(),
                "motion_live_share", d.motionLiveShare())).toList());
        return m;
    }

    private static double gib(Object bytes) {
        return ((Number) bytes).doubleValue() / (1L << 30);
    }
}
