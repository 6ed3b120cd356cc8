package cairn.lab.mqtt;

import cairn.config.CairnConfig;
import cairn.config.ConfigLoader;
import cairn.config.ConfigValues;
import cairn.config.RemoteOverrides;
import cairn.encode.EncodingTarget;
import cairn.health.Health;
import cairn.mqtt.DeviceControl;
import cairn.mqtt.MqttService;
import cairn.mqtt.MqttSettings;
import cairn.mqtt.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Cairn's real MQTT side ({@link MqttService}, Paho, the on-disk outbox) in the test's JVM, without cameras: the
 * test publishes events itself, so it knows exactly what must arrive and in which order.
 */
final class InProcessBox implements AutoCloseable {
    private final MqttService service;

    InProcessBox(Path dataDir, String url, String... sets) throws Exception {
        List<String> all = new ArrayList<>(List.of("storage.dir=" + dataDir, "mqtt.url=" + url, "device.id=box"));
        all.addAll(List.of(sets));
        CairnConfig config = ConfigLoader.load(Optional.empty(), all);
        DeviceControl control = new DeviceControl() {
            @Override
            public List<String> cameras() {
                return List.of("cam1");
            }

            @Override
            public Optional<Snapshot> snapshot(String camera, int maxBytes) {
                return Optional.empty();
            }

            @Override
            public void restartPipeline(String camera) {}

            @Override
            public void pinTarget(String camera, EncodingTarget target, Duration duration) {}

            @Override
            public ConfigValues config() {
                return config.values();
            }

            @Override
            public Set<String> reconfigure(CairnConfig next, Set<String> changed) {
                return Set.of();
            }

            @Override
            public Optional<Integer> sendClipFirst(String camera, java.time.Instant from, java.time.Instant to) {
                return Optional.empty();
            }

            @Override
            public Optional<String> uploadSnapshot(String camera, byte[] jpeg) {
                return Optional.empty();
            }

            @Override
            public void reboot() {}

            @Override
            public String startUpdate(Optional<String> manifestUrl) {
                throw new IllegalStateException("this test box does not update");
            }
        };
        Health health = new Health("it", 1, OptionalDouble.empty(), OptionalDouble.empty(), 0, 0, 0, 0,
                new Health.Backlog(0, 0, 0), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        service = new MqttService(MqttSettings.from(config), dataDir, control,
                new RemoteOverrides(Optional.empty(), all, dataDir), () -> health, "it", InstantSource.system(),
                () -> true);
        service.start();
    }

    void event(cairn.bus.Event e) {
        service.event(e);
    }

    boolean connected() {
        return service.connected();
    }

    @Override
    public void close() {
        service.stop();
    }

    static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
