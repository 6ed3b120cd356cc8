package cairn.lab.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import cairn.lab.rig.NoChildProcessesLeft;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A box whose config holds a camera password, an uplink user:password, an MQTT password and an HMAC
 * key, run as the real process against Debian's Mosquitto: no secret appears in the get-config reply,
 * in any MQTT message, in the log (which quotes FFmpeg's error about the unreachable camera), in
 * status.json or in --print-config.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class SecretsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CAMERA_PW = "camPw-4471x";
    private static final String UPLINK_PW = "uplinkPw-8812y";
    private static final String MQTT_PW = "mqttPw-3301z";
    private static final String HMAC_KEY = "hmacKey-0123456789-secret";
    private static final List<String> SECRETS = List.of(CAMERA_PW, UPLINK_PW, MQTT_PW, HMAC_KEY);

    @TempDir
    Path dir;

    @Test
    void nothingTheBoxReportsCarriesASecret() throws Exception {
        int closed = FreePort.find();
        String[] sets = {
            "camera.cam1.source=rtsp://admin:" + CAMERA_PW + "@127.0.0.1:" + closed + "/stream",
            "camera.cam1.timeout=2s", "camera.cam1.retry_max=2s",
            "uplink.url=http://box:" + UPLINK_PW + "@127.0.0.1:" + FreePort.find() + "/in",
            "mqtt.username=box", "mqtt.password=" + MQTT_PW, "mqtt.hmac_key=" + HMAC_KEY, "mqtt.health_interval=10s"};
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options().user("box", MQTT_PW)
                        .user("operator", "operator-pw"), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("#"), Optional.empty(), "operator",
                        "operator-pw");
                ApplianceProcess cairn = Cairn.start(dir, "cairn", prepend("mqtt.url=" + broker.url(), sets))) {
            probe.await(r -> r.text().equals("online"), Duration.ofSeconds(40), "online");
            cairn.waitForLog("Could not open input|cam1.*(failed|lost|error)", Duration.ofSeconds(40));
            probe.await(r -> r.topic().endsWith("/health"), Duration.ofSeconds(30), "health");

            String expires = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
            probe.publish("cairn/box/cmd".replace("box", deviceTopic(probe)),
                    SignedCommand.of("g1", "get-config", expires, "{}", HMAC_KEY, true));
            MqttProbe.Received result = probe.await(r -> r.topic().endsWith("/cmd/result") && r.text().contains("g1"),
                    Duration.ofSeconds(20), "the get-config reply");
            Files.writeString(Path.of("target", "secrets-get-config-reply.json"), result.text());
            JsonNode values = JSON.readTree(result.text()).get("result").get("values");
            assertEquals("***", values.get("mqtt.password").asText());
            assertEquals("***", values.get("mqtt.hmac_key").asText());
            assertTrue(values.get("uplink.url").asText().startsWith("http://***@127.0.0.1:"), values.toString());
            assertTrue(values.get("camera.cam1.source").asText().startsWith("rtsp://***@127.0.0.1:"), values.toString());
            assertEquals("box", values.get("mqtt.username").asText(), "a user name is no secret");

            String status = Files.readString(cairn.dataDir().resolve("status.json"));
            assertTrue(status.contains("rtsp://***@127.0.0.1") || status.contains("last_error"), status);
            int messages = 0;
            for (MqttProbe.Received r : probe.received()) {
                assertNoSecret("MQTT message on " + r.topic(), new String(r.payload(), StandardCharsets.ISO_8859_1));
                messages++;
            }
            assertTrue(messages >= 3, "online, health and the reply at least; got " + messages);
            assertNoSecret("status.json", status);
            String log = cairn.logText();
            assertTrue(log.contains("rtsp://***@127.0.0.1:" + closed), "the log names the camera, masked:\n" + log);
            assertNoSecret("the log", log);
        }

        ApplianceProcess print = ApplianceProcess.startWithArgs(dir.resolve("print.log"),
                List.of("--print-config", "--set", sets[0], "--set", sets[3], "--set", sets[5], "--set", sets[6]));
        assertEquals(0, print.waitForExit(Duration.ofSeconds(60)));
        String printed = print.stdoutText();
        assertTrue(printed.contains("hmac_key = ***"), printed);
        assertNoSecret("--print-config", printed);

        ApplianceProcess refused = ApplianceProcess.startWithArgs(dir.resolve("refused.log"),
                List.of("--print-config", "--set", "mqtt.hmac_key=tooShortKey9"));
        assertEquals(2, refused.waitForExit(Duration.ofSeconds(60)));
        assertTrue(refused.logText().contains("mqtt.hmac_key"), refused.logText());
        assertFalse((refused.logText() + refused.stdoutText()).contains("tooShortKey9"), refused.logText());
    }

    private static String deviceTopic(MqttProbe probe) {
        return probe.received().stream().filter(r -> r.text().equals("online")).findFirst().orElseThrow().topic()
                .split("/")[1];
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), where + " carries a secret (" + secret.substring(0, 4) + "…):\n" + text);
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
