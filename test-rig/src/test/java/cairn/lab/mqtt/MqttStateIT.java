package cairn.lab.mqtt;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.*;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.CountingProxy;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retained state, health and Home Assistant discovery of the real appliance process against Debian's Mosquitto:
 * online on connect, offline on a clean stop and (as the will) when it dies, online again soon after the broker
 * restarts, and a broker that is not there at start.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class MqttStateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static boolean state(MqttProbe.Received r, String value) {
        return r.topic().equals("cairn/cairn/state") && r.text().equals(value);
    }

    @Test
    void aCameraBrokenAtStartIsReportedLostOnceMqttIsUp() throws Exception {
        // Nothing listens there: the camera fails in milliseconds, before the MQTT client exists.
        String camera = "rtsp://127.0.0.1:" + FreePort.find() + "/nothing";
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/event"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url(),
                        "camera.cam1.source=" + camera)) {
            MqttProbe.Received lost = probe.await(r -> r.text().contains("\"camera_lost\""), Duration.ofSeconds(30),
                    "camera_lost");
            assertEquals("cam1", JSON.readTree(lost.text()).path("camera").asText(), lost.text());
            assertEquals(0, cairn.terminate(Duration.ofSeconds(25)));
        }
    }

    @Test
    void onlineDiscoveryAndHealthThenOfflineOnACleanStop() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/#", "homeassistant/#"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url(),
                        "mqtt.health_interval=10s")) {
            probe.await(r -> state(r, "online"), Duration.ofSeconds(40), "online");
            MqttProbe.Received health = probe.await(r -> r.topic().equals("cairn/cairn/health"), Duration.ofSeconds(30),
                    "health");
            JsonNode h = JSON.readTree(health.payload());
            assertEquals("running", h.get("cameras").get("cam1").get("status").asText(), h.toString());
            assertTrue(h.get("cameras").get("cam1").get("fps_in").asDouble() > 3, h.toString());
            assertTrue(health.payload().length < 500, health.payload().length + " bytes: " + h);
            System.out.println("health: " + health.payload().length + " bytes");
            List<MqttProbe.Received> discovery = probe.received().stream()
                    .filter(r -> r.topic().startsWith("homeassistant/")).toList();
            assertEquals(14, discovery.size());
            StringBuilder captured = new StringBuilder();
            for (MqttProbe.Received r : discovery) {
                JsonNode n = JSON.readTree(r.payload());
                assertEquals("cairn_cairn", n.get("device").get("identifiers").get(0).asText());
                captured.append(r.topic()).append(' ').append(r.text()).append('\n');
            }
            System.out.print("discovery as the broker delivered it:\n" + captured);

            probe.clear();
            probe.publish("homeassistant/status", "online");
            probe.await(r -> r.topic().endsWith("/restart_pipeline/config"), Duration.ofSeconds(20),
                    "discovery again after Home Assistant's birth message");

            assertEquals(0, cairn.terminate(Duration.ofSeconds(30)));
            probe.await(r -> state(r, "offline"), Duration.ofSeconds(10), "offline");
        }
    }

    @Test
    void theWillSaysOfflineWhenCairnDies() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/state"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url(), "mqtt.keepalive=10s")) {
            probe.await(r -> state(r, "online"), Duration.ofSeconds(40), "online");
            cairn.kill9();
            long killed = System.nanoTime();
            MqttProbe.Received offline = probe.await(r -> state(r, "offline"), Duration.ofSeconds(30), "the will");
            System.out.printf("will 'offline' %d ms after SIGKILL (keep-alive 10 s)%n",
                    (offline.atNanos() - killed) / 1_000_000);
        }
    }

    @Test
    void aLinkThatGoesSilentIsNoticedByBothSidesAndRecovered() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                CountingProxy link = CountingProxy.start(broker.port());
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/state"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + link.url(), "mqtt.keepalive=10s")) {
            probe.await(r -> state(r, "online"), Duration.ofSeconds(40), "online");
            probe.clear();
            link.freeze();
            long frozen = System.nanoTime();
            MqttProbe.Received will = probe.await(r -> state(r, "offline"), Duration.ofSeconds(40), "the will");
            long willMs = (will.atNanos() - frozen) / 1_000_000;
            cairn.waitForLog("mqtt: connection to .* lost", Duration.ofSeconds(40));
            long noticedMs = (System.nanoTime() - frozen) / 1_000_000;
            System.out.printf("silent link, keep-alive 10 s: broker published the will after %d ms; Cairn noticed"
                    + " within %d ms%n", willMs, noticedMs);
            assertTrue(willMs >= 10_000 && willMs <= 25_000, "will after " + willMs + " ms");
            link.restore();
            probe.await(r -> state(r, "online"), Duration.ofSeconds(60), "online again");
        }
    }

    @Test
    void afterABrokerRestartOnlineIsRetainedAgainWithinSeconds() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url())) {
            try (MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/state"))) {
                probe.await(r -> state(r, "online"), Duration.ofSeconds(40), "online");
            }
            for (int downS : new int[] {2, 5, 15}) {
                broker.stop();
                sleep(downS * 1000L);
                broker.start();
                long up = System.nanoTime();
                long ms = awaitRetainedOnline(broker.url(), up, Duration.ofSeconds(60));
                System.out.printf("broker down %d s: retained 'online' %d ms after the broker listened again%n", downS,
                        ms);
                assertTrue(ms < 20_000, "online only " + ms + " ms after the broker came back");
            }
            cairn.waitForLog("mqtt: connection to .* lost", Duration.ZERO);
        }
    }

    @Test
    void aBrokerThatIsNotThereAtStartIsRetriedWithBackOff() throws Exception {
        int port = FreePort.find();
        try (ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=tcp://127.0.0.1:" + port,
                "mqtt.health_interval=10s")) {
            cairn.waitForLog("next attempt in 2 s", Duration.ofSeconds(40));
            assertTrue(cairn.logText().contains("cannot connect to tcp://127.0.0.1:" + port
                    + ": connection refused (is the broker running?); next attempt in 1 s"), cairn.logText());
            try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options().port(port),
                    dir.resolve("broker"));
                    MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/#"))) {
                probe.await(r -> state(r, "online"), Duration.ofSeconds(30), "online");
                probe.await(r -> r.topic().equals("cairn/cairn/health"), Duration.ofSeconds(30), "health");
            }
        }
    }

    /** Polls with fresh subscriptions until the broker hands out a retained "online"; returns ms since {@code since}. */
    private static long awaitRetainedOnline(String url, long since, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (MqttProbe p = MqttProbe.connect(url, List.of("cairn/cairn/state"))) {
                MqttProbe.Received r = p.await(x -> x.text().equals("online"), Duration.ofMillis(500), "online");
                return (r.atNanos() - since) / 1_000_000;
            } catch (IOException notYet) {
                // Not yet: subscribe afresh.
            }
        }
        throw new IOException("no retained online within " + timeout);
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
