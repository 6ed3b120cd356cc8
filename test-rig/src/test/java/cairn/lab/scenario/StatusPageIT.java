package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.NoChildProcessesLeft;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installer's status page of the real appliance, in Debian's headless Chromium: it asks for the password, then
 * shows the camera's latest picture, its state, the LEDs and the board, loading nothing from anywhere but the box.
 * The screenshot is left in {@code test-rig/target/status-page/status-page.png}.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class StatusPageIT {
    private static final String PASSWORD = "hut-secret-7";

    @TempDir
    Path dir;

    @Test
    void showsThePictureAndStateBehindThePasswordWithNothingFromOutside() throws Exception {
        int port = FreePort.find();
        List<String> args = List.of("--set", "camera.cam1.source=testsrc", "--set", "camera.cam1.pattern=moving",
                "--set", "camera.cam1.width=320", "--set", "camera.cam1.height=240",
                "--set", "status_page.port=" + port, "--set", "status_page.password=" + PASSWORD);
        try (ApplianceProcess cairn = ApplianceProcess.start(dir.resolve("data"), dir.resolve("cairn.log"), args)) {
            cairn.waitForLog("status page on port " + port + ", password required", Duration.ofSeconds(30));
            cairn.waitForLog("capture-cam1: opened", Duration.ofSeconds(30));
            // The lamp test lights every LED for its first 2 s; the page is checked for the state after it.
            cairn.waitForLog("LED POWER: ON -> HEARTBEAT", Duration.ofSeconds(30));
            URI page = URI.create("http://127.0.0.1:" + port + "/");
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), "without the password");
            assertTrue(!refused.body().contains("cam1"), refused.body());

            try (Chromium chromium = Chromium.start(dir.resolve("chromium"), 1000, 900)) {
                chromium.open(URI.create("http://installer:" + PASSWORD + "@127.0.0.1:" + port + "/"));
                JsonNode picture = chromium.evaluate("new Promise(r => { const i = document.images[0];"
                        + " const done = () => r({w: i.naturalWidth, h: i.naturalHeight});"
                        + " i.complete ? done() : (i.onload = done, i.onerror = done); })");
                assertEquals(320, picture.path("w").asInt(), "the latest picture of cam1: " + picture);
                String text = chromium.evaluate("document.body.innerText").asText();
                assertTrue(text.contains("Cameras") && text.contains("running"), text);
                assertTrue(text.contains("LEDs") && text.contains("heartbeat"), text);
                assertTrue(text.contains("Board") && text.contains("last_stop"), text);
                assertTrue(!text.contains(PASSWORD), "the password is not on the page");
                JsonNode foreign = chromium.evaluate("performance.getEntriesByType('resource').map(e => e.name)"
                        + ".filter(n => new URL(n).host !== '127.0.0.1:" + port + "')");
                assertEquals(0, foreign.size(), "loaded from elsewhere: " + foreign);
                Path png = Files.createDirectories(Path.of("target", "status-page")).resolve("status-page.png");
                Files.write(png, chromium.screenshot(1000));
                assertTrue(Files.size(png) > 10_000, "a screenshot of the page: " + png.toAbsolutePath());
                System.out.println("status page screenshot: " + png.toAbsolutePath() + " (" + Files.size(png) + " bytes)");
            }
            assertEquals(0, cairn.terminate(Duration.ofSeconds(25)));
        }
    }
}
