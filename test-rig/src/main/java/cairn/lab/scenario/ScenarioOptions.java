package cairn.lab.scenario;

import cairn.lab.UsageException;
import cairn.lab.link.Outage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The command line of {@code lab scenario}, parsed and checked; errors name the flag.
 *
 * @param camera a video file served in a loop as an RTSP camera; empty for {@code testsrc}
 * @param rttMs base round trip added by the link emulator (0: none beyond the trace)
 * @param sets {@code KEY=VALUE} overrides passed to the appliance after the scenario's own
 * @param fixedKbps rate control off at this constant rate ({@code --set rate.fixed_kbps=K}); empty: adaptive
 */
public record ScenarioOptions(Optional<Path> camera, Path uplinkTrace, Optional<Path> downlinkTrace, long rttMs,
        List<Outage> outages, long durationS, Path out, List<String> sets, OptionalLong fixedKbps) {

    static final String USAGE = """
            usage: test-rig/lab scenario --camera SOURCE --uplink-trace TRACE [--downlink-trace TRACE]
                                         [--rtt-ms MS] [--outage AT_S+FOR_S]... --duration SECONDS --out DIR
                                         [--fixed-kbps K] [--data-budget SIZE] [--set KEY=VALUE]...

            Runs the real appliance process against real parts, all on loopback: SOURCE (a video file, looped,
            or testsrc) as an RTSP camera, the trace-driven link emulator between the appliance and nginx
            (WebDAV PUT), and a Mosquitto broker. After SECONDS the camera stops, the backlog drains (at most
            3 x the outages' length + 60 s), the appliance gets SIGTERM, and DIR/report.json, DIR/report.html
            (plots and a player for the received HLS) and DIR/report.png (the page in headless Chromium) are
            written. Everything the run made stays in DIR (receiver/, box/, logs/). A fake HiLink router on
            127.0.0.1 reports a network type and signal that follow the uplink trace (link.modem=hilink).

              --camera SOURCE        a video file (any container GStreamer reads), or testsrc
              --uplink-trace TRACE   Mahimahi trace of the uplink (appliance to server)
              --downlink-trace TRACE Mahimahi trace of the downlink (default: unlimited)
              --rtt-ms MS            base round trip added to the link (default 150, a 3G uplink; 0 for none)
              --outage AT_S+FOR_S    cut the link from second AT_S for FOR_S seconds (repeatable)
              --duration SECONDS     how long the camera records
              --out DIR              where everything goes (created; must be empty or absent)
              --fixed-kbps K         rate control off: every camera at a constant K kbit/s, 30 to 50000
                                     (rate.fixed_kbps; default: adaptive rate control)
              --data-budget SIZE     the appliance's data plan (uplink.data_budget, e.g. 10GiB); the run is in
                                     real time, so a month is for lab rate-sim --data-budget --days
              --set KEY=VALUE        a Cairn config key, as appliance/cairn --set (repeatable)
            """;

    private static final Set<String> FLAGS = Set.of("--camera", "--uplink-trace", "--downlink-trace", "--rtt-ms",
            "--duration", "--out", "--fixed-kbps");
    static final long MAX_DURATION_S = 24 * 3600;
    static final String FIXED_KBPS_KEY = "rate.fixed_kbps";
    static final long MIN_FIXED_KBPS = 30;
    static final long MAX_FIXED_KBPS = 50_000;

    public ScenarioOptions {
        outages = List.copyOf(outages);
        sets = List.copyOf(sets);
    }

    public static ScenarioOptions parse(List<String> args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        List<Outage> outages = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            boolean known = FLAGS.contains(flag) || flag.equals("--outage") || flag.equals("--set")
                    || flag.equals("--data-budget");
            if (!known) {
                throw new UsageException(flag.startsWith("-") ? "unknown flag '" + flag + "'"
                        : "unexpected argument '" + flag + "'");
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(flag + " needs a value");
            }
            String value = args.get(++i);
            switch (flag) {
                case "--outage" -> outages.add(outage(value));
                case "--data-budget" -> sets.add("uplink.data_budget=" + value);
                case "--set" -> {
                    if (!value.matches("[a-z0-9_.-]+=.*")) {
                        throw new UsageException("--set needs KEY=VALUE, got '" + value + "'");
                    }
                    sets.add(value);
                }
                default -> {
                    if (values.put(flag, value) != null) {
                        throw new UsageException(flag + " is given twice");
                    }
                }
            }
        }
        String cameraText = required(values, "--camera");
        Optional<Path> camera = Optional.empty();
        if (!cameraText.equals("testsrc")) {
            camera = Optional.of(readable(cameraText, "--camera", "a readable video file or testsrc"));
        }
        Path uplink = readable(required(values, "--uplink-trace"), "--uplink-trace", "a readable trace file");
        Optional<Path> downlink = values.containsKey("--downlink-trace")
                ? Optional.of(readable(values.get("--downlink-trace"), "--downlink-trace", "a readable trace file"))
                : Optional.empty();
        long rtt = whole(values.getOrDefault("--rtt-ms", "150"), "--rtt-ms", 0, 60_000);
        long duration = whole(required(values, "--duration"), "--duration", 1, MAX_DURATION_S);
        Path out = Path.of(required(values, "--out"));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out '" + out + "' exists and is not a directory");
        }
        for (Outage o : outages) {
            if (o.atMs() >= duration * 1000) {
                throw new UsageException("--outage " + o + " starts after the run's " + duration + " s");
            }
        }
        OptionalLong fixed = OptionalLong.empty();
        if (values.containsKey("--fixed-kbps")) {
            fixed = OptionalLong.of(whole(values.get("--fixed-kbps"), "--fixed-kbps", MIN_FIXED_KBPS, MAX_FIXED_KBPS));
            if (setsKey(sets, FIXED_KBPS_KEY)) {
                throw new UsageException("--fixed-kbps and --set " + FIXED_KBPS_KEY + " both set the rate; give one");
            }
        }
        return new ScenarioOptions(camera, uplink, downlink, rtt, outages, duration, out, sets, fixed);
    }

    /** The user's part of the appliance's {@code --set}s: the fixed rate, then each --set (after the lab's own, so they win). */
    public List<String> applianceSets() {
        List<String> all = new ArrayList<>();
        fixedKbps.ifPresent(k -> all.add(FIXED_KBPS_KEY + "=" + k));
        all.addAll(sets);
        return all;
    }

    /** Whether the user's own {@code --set} gives {@code key}. */
    public boolean givesKey(String key) {
        return setsKey(sets, key);
    }

    private static boolean setsKey(List<String> sets, String key) {
        return sets.stream().anyMatch(s -> s.startsWith(key + "="));
    }

    /** Total length of the outages in seconds (overlaps counted once). */
    public double outageSeconds() {
        return new cairn.lab.link.LinkSchedule(Optional.empty(), outages).outages().stream()
                .mapToLong(Outage::forMs).sum() / 1000.0;
    }

    /** How long the backlog may take to drain once the camera stopped: 3 x the outages + 60 s. */
    public long drainLimitS() {
        return (long) Math.ceil(3 * outageSeconds()) + 60;
    }

    /** The camera as written on the command line. */
    public String cameraName() {
        return camera.map(Path::toString).orElse("testsrc");
    }

    private static Outage outage(String text) throws UsageException {
        try {
            return Outage.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--outage: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> values, String flag) throws UsageException {
        String value = values.get(flag);
        if (value == null || value.isBlank()) {
            throw new UsageException(flag + " is required");
        }
        return value;
    }

    private static Path readable(String text, String flag, String what) throws UsageException {
        Path p = Path.of(text);
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw new UsageException(flag + " '" + text + "' is not " + what);
        }
        return p.toAbsolutePath();
    }

    private static long whole(String text, String flag, long min, long max) throws UsageException {
        try {
            long v = Long.parseLong(text.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new UsageException(flag + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
    }
}
