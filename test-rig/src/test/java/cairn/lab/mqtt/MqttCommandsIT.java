package cairn.lab.mqtt;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.*;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.ExternalCommand;
import cairn.lab.rig.MqttProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands to the real appliance process over Debian's Mosquitto, as an operator sends them: each id answered once
 * (also when delivered twice, and after Cairn restarts), expired commands refused, a snapshot published, settings
 * changed and kept, the reboot hook run after the reply; and, with a key, only correctly signed commands run.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class MqttCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CMD = "cairn/cairn/cmd";
    private static final String RESULT = "cairn/cairn/cmd/result";

    @TempDir
    Path dir;

    private static JsonNode reply(MqttProbe probe, String id) throws IOException {
        return JSON.readTree(probe.await(r -> r.topic().equals(RESULT) && r.text().contains("\"id\":\"" + id + "\""),
                Duration.ofSeconds(20), "the reply to " + id).payload());
    }

    private static long replies(MqttProbe probe, String id) {
        return probe.on(RESULT).stream().filter(r -> r.text().contains("\"id\":\"" + id + "\"")).count();
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void eachCommandIsAnsweredOnceEvenDeliveredTwiceOrAfterARestart() throws Exception {
        Path rebooted = dir.resolve("rebooted");
        String[] sets = {"mqtt.health_interval=10s", "system.reboot_command=touch " + rebooted};
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/#"))) {
            try (ApplianceProcess cairn = Cairn.start(dir, "first", prepend("mqtt.url=" + broker.url(), sets))) {
                probe.await(r -> r.text().equals("online"), Duration.ofSeconds(40), "online");
                probe.publish(CMD, "{\"id\":\"p1\",\"action\":\"ping\"}");
                probe.publish(CMD, "{\"id\":\"p1\",\"action\":\"ping\"}");
                assertTrue(reply(probe, "p1").get("result").get("pong").asBoolean());

                String expired = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
                probe.publish(CMD, "{\"id\":\"e1\",\"action\":\"reboot\",\"expires\":\"" + expired + "\"}");
                assertTrue(reply(probe, "e1").get("error").asText().startsWith("expired at " + expired));

                probe.publish(CMD, "{\"id\":\"s1\",\"action\":\"snapshot\",\"args\":{\"max_bytes\":8000}}");
                JsonNode snap = reply(probe, "s1");
                assertTrue(snap.get("ok").asBoolean(), snap.toString());
                MqttProbe.Received jpeg = probe.await(r -> r.topic().equals("cairn/cairn/snapshot/cam1"),
                        Duration.ofSeconds(10), "the snapshot");
                assertEquals(snap.get("result").get("bytes").asInt(), jpeg.payload().length);
                assertTrue(jpeg.payload().length <= 8000);
                assertEquals(0xd8, jpeg.payload()[1] & 0xff);
                Files.write(dir.resolve("snapshot.jpg"), jpeg.payload());
                assertEquals(0, ExternalCommand.run(List.of("ffprobe", "-v", "error", dir.resolve("snapshot.jpg")
                        .toString()), Duration.ofSeconds(20)).exitCode(), "ffprobe reads the JPEG");

                probe.publish(CMD, "{\"id\":\"r1\",\"action\":\"rate-override\",\"args\":{\"kbps\":250,\"minutes\":5}}");
                assertTrue(reply(probe, "r1").get("ok").asBoolean());
                probe.publish(CMD, "{\"id\":\"c1\",\"action\":\"set\",\"args\":{\"encoder.max_kbps\":700}}");
                assertEquals("[\"encoder.max_kbps\"]", reply(probe, "c1").get("result").get("applied_now").toString());
                probe.await(r -> r.topic().equals("cairn/cairn/health")
                        && r.text().contains("\"target_kbps\":250"), Duration.ofSeconds(30), "health with the pin");

                probe.publish(CMD, "{\"id\":\"b1\",\"action\":\"reboot\"}");
                assertTrue(reply(probe, "b1").get("result").get("rebooting").asBoolean());
                awaitFile(rebooted);
                assertEquals(0, cairn.terminate(Duration.ofSeconds(30)));
            }
            probe.clear();
            try (ApplianceProcess cairn = Cairn.start(dir, "second", prepend("mqtt.url=" + broker.url(), sets))) {
                probe.await(r -> r.text().equals("online"), Duration.ofSeconds(40), "online again");
                probe.publish(CMD, "{\"id\":\"p1\",\"action\":\"ping\"}");
                probe.publish(CMD, "{\"id\":\"b1\",\"action\":\"reboot\"}");
                probe.publish(CMD, "{\"id\":\"g1\",\"action\":\"get-config\"}");
                JsonNode config = reply(probe, "g1").get("result");
                assertEquals("700", config.get("values").get("encoder.max_kbps").asText(), "kept across the restart");
                sleep(1000);
                assertEquals(0, replies(probe, "p1"), "p1 was answered before the restart");
                assertEquals(0, replies(probe, "b1"), "b1 was answered before the restart");
                assertEquals(1, replies(probe, "g1"));
            }
        }
    }

    @Test
    void withAKeyOnlyCommandsSignedWithItRun() throws Exception {
        String key = "shared-secret-for-this-box";
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/#"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url(), "mqtt.hmac_key=" + key)) {
            probe.await(r -> r.text().equals("online"), Duration.ofSeconds(40), "online");
            String expires = Instant.now().plus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString();
            String args = "{\"camera\": \"cam1\"}";

            probe.publish(CMD, signed("u1", "restart-pipeline", expires, args, key, false));
            probe.publish(CMD, signed("w1", "restart-pipeline", expires, args, "not-the-key-of-this-box", true));
            probe.publish(CMD, signed("ok1", "restart-pipeline", expires, args, key, true));
            assertTrue(reply(probe, "u1").get("error").asText().contains("only signed commands"));
            assertTrue(reply(probe, "w1").get("error").asText().startsWith("bad signature"));
            assertTrue(reply(probe, "ok1").get("ok").asBoolean());
            cairn.waitForLog("camera cam1: pipeline restarted", Duration.ofSeconds(20));
            assertEquals(1, cairn.logLines().stream().filter(l -> l.contains("pipeline restarted")).count());
        }
    }

    private String signed(String id, String action, String expires, String args, String key, boolean withSig)
            throws IOException {
        return SignedCommand.of(id, action, expires, args, key, withSig);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static void awaitFile(Path file) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the reboot hook did not run: no " + file);
            }
            sleep(100);
        }
    }
}
