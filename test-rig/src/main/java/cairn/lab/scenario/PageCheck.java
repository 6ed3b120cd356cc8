package cairn.lab.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a report folder's {@code report.html} in headless Chromium, served from {@link StaticServer} on loopback, and
 * checks it as a person would: the page loads, the video plays ({@code video.currentTime} advances over
 * {@value #WATCH_MS} ms of real time), and a screenshot of the whole page is saved as {@code report.png}.
 */
final class PageCheck {

    static final long WATCH_MS = 4000;
    /** Playback counts as playing when it advanced at least this share of the real time watched. */
    static final double PLAYING_SHARE = 0.5;
    private static final long START_WAIT_MS = 30_000;
    static final int WIDTH = 1040;

    private PageCheck() {}

    /** What the browser saw; {@code played} is the verdict. */
    record Result(boolean played, double startTime, double endTime, double watchedS, int videoWidth, int videoHeight,
            String state, List<String> playerErrors, List<String> console, Path screenshot) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("played", played);
            m.put("current_time_start", LinkFigures.round4(startTime));
            m.put("current_time_end", LinkFigures.round4(endTime));
            m.put("watched_s", LinkFigures.round4(watchedS));
            m.put("video_size", videoWidth + "x" + videoHeight);
            m.put("player_state", state);
            m.put("player_errors", playerErrors.stream().limit(10).toList());
            m.put("console", console.stream().limit(10).toList());
            m.put("screenshot", screenshot.getFileName().toString());
            m.put("browser", Chromium.BINARY.toString());
            return m;
        }
    }

    static Result check(Path reportDir) throws IOException {
        Path dir = reportDir.toAbsolutePath();
        try (StaticServer server = StaticServer.start(dir, 0);
                Chromium browser = Chromium.start(dir.resolve("logs"), WIDTH, 900)) {
            browser.open(server.url("report.html"));
            long deadline = System.currentTimeMillis() + START_WAIT_MS;
            JsonNode v = video(browser);
            while (v.path("time").asDouble() <= 0 && System.currentTimeMillis() < deadline) {
                pause(250);
                v = video(browser);
            }
            double t0 = v.path("time").asDouble();
            long w0 = System.nanoTime();
            pause(WATCH_MS);
            v = video(browser);
            double watched = (System.nanoTime() - w0) / 1e9;
            double t1 = v.path("time").asDouble();
            boolean played = t1 - t0 >= PLAYING_SHARE * watched && v.path("width").asInt() > 0;
            Path png = dir.resolve("report.png");
            Files.write(png, browser.screenshot(WIDTH));
            List<String> errors = new java.util.ArrayList<>();
            v.path("errors").forEach(e -> errors.add(e.asText()));
            return new Result(played, t0, t1, watched, v.path("width").asInt(), v.path("height").asInt(),
                    v.path("state").asText(), errors, browser.console(), png);
        }
    }

    private static JsonNode video(Chromium browser) throws IOException {
        return browser.evaluate("(() => { const v = document.getElementById('player');"
                + " const p = window.cairnPlayer || { errors: [] };"
                + " return v ? { time: v.currentTime, width: v.videoWidth, height: v.videoHeight, paused: v.paused,"
                + " state: document.getElementById('player-state').textContent, errors: p.errors }"
                + " : { time: 0, width: 0, height: 0, state: 'no player on the page', errors: [] }; })()");
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
