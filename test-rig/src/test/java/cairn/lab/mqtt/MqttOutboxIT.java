package cairn.lab.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.Event;
import cairn.lab.rig.CountingProxy;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events and health while the broker is away: kept on disk, delivered in order when it is back, across a broker
 * restart and across a restart of Cairn itself; a full outbox drops the oldest and says how many. Real Mosquitto,
 * real Paho, Cairn's own MQTT code; the link is cut by a relay between Cairn and the broker, so the operator's
 * client (connected directly) never misses a message.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MqttOutboxIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Event numbered(int i) {
        return Event.of("camera_lost", Instant.now(), "camera", "cam1", "n", i);
    }

    private static List<Integer> numbers(MqttProbe probe) throws IOException {
        List<Integer> out = new java.util.ArrayList<>();
        for (MqttProbe.Received r : probe.on("cairn/box/event")) {
            out.add(JSON.readTree(r.payload()).get("n").asInt());
        }
        return out;
    }

    private static void awaitSubscribed(MqttProbe probe) throws IOException {
        String marker = "marker-" + System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (probe.received().stream().noneMatch(r -> r.text().equals(marker))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the probe did not get back on the broker");
            }
            try {
                probe.publish("cairn/box/event", marker);
            } catch (IOException e) {
                // Not reconnected yet.
            }
            InProcessBox.sleep(200);
        }
        probe.clear();
    }

    @Test
    void eventsKeptWhileTheBrokerRestartsArriveInOrderAndOnlineIsRetainedAgain() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                CountingProxy link = CountingProxy.start(broker.port());
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/box/#"));
                InProcessBox box = new InProcessBox(dir.resolve("data"), link.url(), "mqtt.discovery=false")) {
            probe.await(r -> r.topic().equals("cairn/box/state") && r.text().equals("online"), Duration.ofSeconds(20),
                    "online");
            link.cut();
            broker.stop();
            for (int i = 0; i < 100; i++) {
                box.event(numbered(i));
            }
            broker.start();
            awaitSubscribed(probe);
            link.restore();
            probe.await(r -> r.text().contains("\"n\":99"), Duration.ofSeconds(30), "the last event");
            assertEquals(java.util.stream.IntStream.range(0, 100).boxed().toList(), numbers(probe));
            try (MqttProbe late = MqttProbe.connect(broker.url(), List.of("cairn/box/state"))) {
                MqttProbe.Received state = late.await(r -> true, Duration.ofSeconds(5), "retained state");
                assertTrue(state.retained());
                assertEquals("online", state.text());
            }
        }
    }

    @Test
    void eventsQueuedWithTheBrokerUnreachableSurviveARestartOfCairn() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                CountingProxy link = CountingProxy.start(broker.port());
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/box/#"))) {
            link.cut();
            try (InProcessBox first = new InProcessBox(dir.resolve("data"), link.url(), "mqtt.discovery=false")) {
                for (int i = 0; i < 20; i++) {
                    first.event(numbered(i));
                }
                InProcessBox.sleep(1500);
                assertFalse(first.connected());
            }
            link.restore();
            try (InProcessBox second = new InProcessBox(dir.resolve("data"), link.url(), "mqtt.discovery=false")) {
                probe.await(r -> r.text().contains("\"n\":19"), Duration.ofSeconds(30), "the last event");
                second.event(numbered(20));
                probe.await(r -> r.text().contains("\"n\":20"), Duration.ofSeconds(10), "a new event");
            }
            assertEquals(java.util.stream.IntStream.range(0, 21).boxed().toList(), numbers(probe));
        }
    }

    @Test
    void aFullOutboxDropsTheOldestAndHealthCountsTheDrops() throws Exception {
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                CountingProxy link = CountingProxy.start(broker.port());
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/box/#"))) {
            link.cut();
            try (InProcessBox box = new InProcessBox(dir.resolve("data"), link.url(), "mqtt.discovery=false",
                    "mqtt.outbox_messages=10", "mqtt.health_interval=10s")) {
                for (int i = 0; i < 25; i++) {
                    box.event(numbered(i));
                }
                InProcessBox.sleep(500);
                link.restore();
                MqttProbe.Received health = probe.await(r -> r.topic().equals("cairn/box/health"), Duration.ofSeconds(40),
                        "health");
                JsonNode h = JSON.readTree(health.payload());
                List<Integer> got = numbers(probe);
                long dropped = h.get("mqtt").get("dropped").asLong();
                assertEquals(24, got.get(got.size() - 1), "the newest event is kept: " + got);
                assertEquals(got.stream().sorted().toList(), got, "in order");
                assertTrue(got.size() <= 10, "at most the outbox's 10: " + got);
                assertEquals(25, got.size() + dropped, "every event either delivered or counted as dropped: " + h);
            }
        }
    }
}
