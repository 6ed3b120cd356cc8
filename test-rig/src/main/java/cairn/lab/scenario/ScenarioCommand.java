package cairn.lab.scenario;

import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import cairn.lab.receiver.SegmentArrival;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lab scenario} (CONTRACTS.md): runs a {@link ScenarioRun}, measures what arrived ({@link ScenarioReport},
 * {@link ViewerQuality}), writes report.json and report.html, and checks the page in headless Chromium
 * ({@link PageCheck}), which adds {@code viewer} to report.json and saves report.png.
 */
public final class ScenarioCommand implements Subcommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "scenario";
    }

    @Override
    public String summary() {
        return "the real appliance over an emulated cellular link, with report.json, report.html and report.png";
    }

    @Override
    public String usage() {
        return ScenarioOptions.USAGE;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        ScenarioOptions options = ScenarioOptions.parse(args);
        Path dir = options.out().toAbsolutePath();
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new UsageException("--out '" + options.out() + "' is not empty; give a new folder");
                    }
                }
            }
            RunData run = new ScenarioRun(options, err).run();
            Map<String, Object> quality = quality(options, run, err);
            Map<String, Object> report = ScenarioReport.build(run, quality);
            write(dir, report);
            writePage(dir, run, report);
            report.put("viewer", viewer(dir, err));
            write(dir, report);
            printSummary(out, dir, report);
            return 0;
        } catch (IOException e) {
            err.println("lab scenario: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("lab scenario: interrupted");
            return 1;
        }
    }

    private static Map<String, Object> quality(ScenarioOptions options, RunData run, PrintStream err)
            throws IOException {
        if (options.camera().isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ssim_mean", null);
            m.put("note", "the camera was testsrc, a live pattern with no clip to compare with");
            return m;
        }
        Path root = options.out().toAbsolutePath().resolve("receiver").resolve("www");
        List<Path> segments = new ArrayList<>();
        for (SegmentArrival a : run.arrival().camera(run.camera()).segments()) {
            if (a.whole()) {
                segments.add(root.resolve(run.remoteDir()).resolve(String.format("%012d.ts", a.sequence())));
            }
        }
        if (segments.isEmpty()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ssim_mean", null);
            m.put("note", "no segment arrived whole");
            return m;
        }
        long start = System.nanoTime();
        Map<String, Object> q = ViewerQuality.measure(options.camera().get(), segments, err);
        err.printf("scenario: quality measured in %.0f s%n", (System.nanoTime() - start) / 1e9);
        return q;
    }

    private static void write(Path dir, Map<String, Object> report) throws IOException {
        Path tmp = dir.resolve("report.json.tmp");
        JSON.writeValue(tmp.toFile(), report);
        Files.move(tmp, dir.resolve("report.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static void writePage(Path dir, RunData run, Map<String, Object> report) throws IOException {
        HlsJs.copyInto(dir);
        JsonNode tree = JSON.valueToTree(report);
        Files.writeString(dir.resolve("report.html"), ReportPage.render(tree, playlists(dir, run.remoteDir())),
                StandardCharsets.UTF_8);
    }

    /** The camera's playlists on the server, relative to the report: the day archives first, then live. */
    static List<String> playlists(Path dir, String remoteDir) throws IOException {
        Path folder = dir.resolve("receiver").resolve("www").resolve(remoteDir);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> names;
        try (Stream<Path> files = Files.list(folder)) {
            names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".m3u8")).sorted().toList();
        }
        List<String> ordered = new ArrayList<>(names.stream().filter(n -> !n.equals("live.m3u8")).toList());
        ordered.addAll(names.stream().filter(n -> n.equals("live.m3u8")).toList());
        return ordered.stream().map(n -> "receiver/www/" + remoteDir + "/" + n).toList();
    }

    private static Map<String, Object> viewer(Path dir, PrintStream err) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!Chromium.available()) {
            m.put("played", null);
            m.put("note", "no " + Chromium.BINARY + " (test-rig/setup installs Debian's chromium); report.png not made");
            return m;
        }
        try {
            PageCheck.Result r = PageCheck.check(dir);
            err.printf("scenario: report.html in Chromium: video %s (currentTime %.2f -> %.2f in %.1f s), %s%n",
                    r.played() ? "plays" : "does NOT play", r.startTime(), r.endTime(), r.watchedS(), r.screenshot());
            return r.json();
        } catch (IOException e) {
            err.println("scenario: the page check failed: " + e.getMessage());
            m.put("played", false);
            m.put("error", e.getMessage());
            return m;
        }
    }

    @SuppressWarnings("unchecked")
    private static void printSummary(PrintStream out, Path dir, Map<String, Object> r) {
        Map<String, Object> seg = (Map<String, Object>) r.get("segments");
        Map<String, Object> lat = (Map<String, Object>) r.get("latency_ms");
        Map<String, Object> back = (Map<String, Object>) r.get("backlog");
        Map<String, Object> q = (Map<String, Object>) r.get("quality");
        Map<String, Object> v = (Map<String, Object>) r.get("viewer");
        out.printf("segments: produced %s delivered %s lost %s duplicates %s corrupt %s%n", seg.get("produced"),
                seg.get("delivered"), seg.get("lost"), seg.get("duplicates"), seg.get("corrupt"));
        out.printf("latency_ms (live): p50 %s p95 %s max %s   utilization (link-limited) %s, pending %s, below top %s%n",
                lat.get("p50"), lat.get("p95"), lat.get("max"), r.get("utilization"), r.get("utilization_pending"),
                r.get("utilization_below_top"));
        Map<String, Object> perHour = (Map<String, Object>) r.get("bytes_per_hour");
        out.printf("bytes per hour: segments %s, playlists %s, mqtt %s, total on the wire %s%n", perHour.get("segments"),
                perHour.get("playlists"), perHour.get("mqtt"), perHour.get("total_on_wire"));
        out.printf("backlog: max %s bytes, drained %s s after the outage   ssim_mean %s   video plays: %s%n",
                back.get("max_bytes"), back.get("drained_s_after_outage"), q.get("ssim_mean"), v.get("played"));
        out.printf("report: %s  %s  %s%n", dir.resolve("report.json"), dir.resolve("report.html"),
                Files.exists(dir.resolve("report.png")) ? dir.resolve("report.png") : "(no report.png)");
    }
}
