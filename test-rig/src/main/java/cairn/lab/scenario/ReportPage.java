package cairn.lab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * report.html: the scenario's figures, three plots drawn as inline SVG ({@link SvgChart}: capacity vs target (a step
 * line) vs sent, backlog, latency per segment) and a player for the received HLS with hls.js from
 * {@code viewer/hls.min.js} beside the page (no CDN, no other script). The player needs the folder served over HTTP ({@code test-rig/lab view DIR});
 * the rest also reads from a file. Built from report.json alone, so any report can be drawn again.
 */
final class ReportPage {

    private ReportPage() {}

    /** {@code playlists}: paths of the received playlists relative to the report's folder, the default first. */
    static String render(JsonNode report, List<String> playlists) {
        JsonNode scenario = report.path("scenario");
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <title>Cairn scenario report</title>
                <style>
                body { font-family: sans-serif; margin: 16px 24px; color: #222; max-width: 1000px; }
                table { border-collapse: collapse; margin: 8px 0 16px; }
                td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-size: 13px; }
                th { background: #f4f4f4; }
                .bad { color: #b00; font-weight: bold; } .good { color: #070; font-weight: bold; }
                #player { background: #000; width: 640px; max-width: 100%; }
                #player-state { font-size: 13px; color: #555; }
                code { font-size: 12px; }
                </style></head><body>
                <h1>Cairn scenario</h1>
                """);
        html.append("<p>Camera <code>").append(esc(scenario.path("camera").asText())).append("</code> over <code>")
                .append(esc(scenario.path("uplink_trace").asText())).append("</code>, outages ")
                .append(esc(scenario.path("outages").toString())).append(", ").append(report.path("duration_s").asLong())
                .append(" s recorded, appliance stopped at ").append(scenario.path("stopped_s").asText())
                .append(" s.</p>\n");
        summary(html, report);
        html.append("<h2>Link: capacity, target and sent</h2>\n").append(linkChart(report));
        html.append("<h2>Backlog</h2>\n").append(backlogChart(report));
        html.append("<h2>Latency per segment</h2>\n").append(latencyChart(report));
        html.append("<p>").append(esc(report.path("definitions").path("latency_ms").asText())).append(".</p>\n");
        player(html, playlists);
        html.append("</body></html>\n");
        return html.toString();
    }

    private static void summary(StringBuilder html, JsonNode r) {
        JsonNode seg = r.path("segments");
        JsonNode lat = r.path("latency_ms");
        JsonNode back = r.path("backlog");
        html.append("<table>\n<tr><th>segments produced / delivered</th><td>").append(seg.path("produced").asLong())
                .append(" / ").append(seg.path("delivered").asLong()).append("</td></tr>\n");
        for (String k : List.of("lost", "duplicates", "corrupt")) {
            long v = seg.path(k).asLong();
            html.append("<tr><th>").append(k).append("</th><td class=\"").append(v == 0 ? "good" : "bad").append("\">")
                    .append(v).append("</td></tr>\n");
        }
        html.append(row("frames captured / dropped at capture", r.path("frames").path("captured").asText() + " / "
                + r.path("frames").path("dropped_at_capture").asText()));
        html.append(row("latency of live segments p50 / p95 / max (ms)", lat.path("p50").asText() + " / "
                + lat.path("p95").asText() + " / " + lat.path("max").asText() + " (" + lat.path("live_segments").asLong()
                + " live, " + lat.path("backlog_segments").asLong() + " from the backlog)"));
        html.append(row("utilization while link-limited", r.path("utilization").isNull() ? "n/a"
                : String.format(Locale.ROOT, "%.3f over %d s", r.path("utilization").asDouble(),
                        r.path("utilization_detail").path("seconds").asLong())));
        html.append(row("backlog max / drained after the outage", String.format(Locale.ROOT, "%.0f kB / %s s",
                back.path("max_bytes").asDouble() / 1000, back.path("drained_s_after_outage").asText())));
        html.append(row("bytes delivered / link capacity", r.path("bytes").path("delivered").asLong() + " / "
                + r.path("bytes").path("link_capacity").asLong()));
        html.append(row("quality: SSIM mean (viewer's, luma)", r.path("quality").path("ssim_mean").asText("n/a")));
        JsonNode rate = r.path("rate");
        html.append(row("rate changes (per minute per camera) / outages the appliance saw", rate.path("changes")
                .asText("n/a") + " (" + rate.path("changes_per_min").asText("n/a") + ") / " + rate.path("outages")
                .asText("n/a")));
        html.append(row("fixed rate", r.path("scenario").path("fixed_kbps").isNumber()
                ? r.path("scenario").path("fixed_kbps").asText() + " kbit/s (rate control off)" : "no (adaptive)"));
        html.append(row("fake modem: requests / network", r.path("modem").path("requests").asText("n/a") + " / "
                + r.path("modem").path("network").asText("n/a")));
        html.append(row("MQTT health messages / state transitions", r.path("mqtt").path("health_messages").asLong()
                + " / " + r.path("mqtt").path("state_transitions").toString()));
        html.append("</table>\n");
    }

    private static String row(String name, String value) {
        return "<tr><th>" + esc(name) + "</th><td>" + esc(value) + "</td></tr>\n";
    }

    private static SvgChart withOutages(SvgChart chart, JsonNode report) {
        for (JsonNode o : report.path("backlog").path("outages")) {
            double at = o.path("at_s").asDouble();
            chart.shade(at, at + o.path("for_s").asDouble(), "outage");
        }
        return chart;
    }

    static String linkChart(JsonNode report) {
        JsonNode tl = report.path("timeline");
        int n = tl.size();
        double[] t = new double[n];
        double[] cap = new double[n];
        double[] target = new double[n];
        double[] sent = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode s = tl.get(i);
            t[i] = s.path("t").asDouble();
            cap[i] = s.path("capacity_kbps").asDouble();
            target[i] = s.path("target_kbps").asDouble();
            sent[i] = s.path("sent_kbps").asDouble();
        }
        return withOutages(new SvgChart("per second", "seconds since start", "kbit/s"),
                report).line("capacity", "#999999", t, cap).steps("target (rate decisions)", "#e08000", t, target)
                .line("sent", "#1f6fd0", t, sent).svg();
    }

    static String backlogChart(JsonNode report) {
        JsonNode tl = report.path("timeline");
        double[] t = new double[tl.size()];
        double[] b = new double[tl.size()];
        for (int i = 0; i < tl.size(); i++) {
            t[i] = tl.get(i).path("t").asDouble();
            b[i] = tl.get(i).path("backlog_bytes").asDouble() / 1000;
        }
        return withOutages(new SvgChart("finished segments not yet on the server", "seconds since start",
                "kB"), report).line("backlog", "#a040a0", t, b).svg();
    }

    static String latencyChart(JsonNode report) {
        List<double[]> live = new ArrayList<>();
        List<double[]> backlog = new ArrayList<>();
        for (JsonNode d : report.path("deliveries")) {
            if (d.path("latency_ms").isNumber()) {
                (d.path("live").asBoolean() ? live : backlog).add(new double[] {d.path("capture_t").asDouble(),
                        d.path("latency_ms").asDouble() / 1000});
            }
        }
        SvgChart chart = withOutages(new SvgChart("first frame captured to segment held by the server",
                "capture time, seconds since start", "seconds"), report);
        chart.dots("sent live", "#1f6fd0", column(live, 0), column(live, 1));
        chart.dots("from the backlog", "#bbbbbb", column(backlog, 0), column(backlog, 1));
        return chart.svg();
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    private static void player(StringBuilder html, List<String> playlists) {
        html.append("<h2>What arrived, played with hls.js</h2>\n");
        if (playlists.isEmpty()) {
            html.append("<p class=\"bad\">No playlist arrived on the server.</p>\n");
            return;
        }
        html.append("<p><select id=\"playlist\">");
        for (String p : playlists) {
            html.append("<option value=\"").append(esc(p)).append("\">").append(esc(p)).append("</option>");
        }
        html.append("""
                </select> <span id="player-state">loading…</span></p>
                <video id="player" controls muted autoplay playsinline></video>
                <p>The player needs this folder served over HTTP (<code>test-rig/lab view DIR</code>); opened as a file,
                the browser refuses to fetch the playlists.</p>
                <script src="viewer/hls.min.js"></script>
                <script>
                (function () {
                  const video = document.getElementById('player');
                  const state = document.getElementById('player-state');
                  const select = document.getElementById('playlist');
                  const say = (text) => { state.textContent = text; };
                  window.cairnPlayer = { errors: [], hls: null };
                  function load(src) {
                    if (window.cairnPlayer.hls) { window.cairnPlayer.hls.destroy(); }
                    if (typeof Hls === 'undefined' || !Hls.isSupported()) {
                      say('hls.js is missing or this browser has no Media Source Extensions');
                      return;
                    }
                    const hls = new Hls({ startPosition: 0 });
                    window.cairnPlayer.hls = hls;
                    hls.on(Hls.Events.MANIFEST_PARSED, () => {
                      say('playing ' + src);
                      video.play().catch((e) => say('play() refused: ' + e));
                    });
                    hls.on(Hls.Events.ERROR, (event, data) => {
                      window.cairnPlayer.errors.push(data.type + ' ' + data.details + (data.fatal ? ' (fatal)' : ''));
                      if (data.fatal) { say('error: ' + data.type + ' ' + data.details); }
                    });
                    hls.loadSource(src);
                    hls.attachMedia(video);
                  }
                  select.addEventListener('change', () => load(select.value));
                  load(select.value);
                })();
                </script>
                """);
    }

    static String esc(String s) {
        return SvgChart.escape(s);
    }
}
