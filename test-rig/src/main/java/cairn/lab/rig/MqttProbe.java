package cairn.lab.rig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * An MQTT client for tests and the lab, in the operator's place: it records every message on the topics it
 * subscribes to (retained ones too) with the time it arrived, and publishes commands. It reconnects by itself
 * (Paho's automatic reconnect, clean session) and subscribes again each time.
 *
 * <p>{@link #await} and {@link #received} may be called from any thread; every wait is bounded.
 */
public final class MqttProbe implements AutoCloseable {

    /** One message as it arrived. */
    public record Received(String topic, byte[] payload, boolean retained, long atNanos) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final MqttClient client;
    private final List<String> topics;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MqttProbe(String url, List<String> topics, Optional<SocketFactory> sockets, Optional<String[]> login)
            throws IOException {
        this.topics = List.copyOf(topics);
        try {
            client = new MqttClient(url, "probe-" + System.nanoTime(), new MemoryPersistence());
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    if (reconnect) {
                        subscribe();
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {}

                @Override
                public void messageArrived(String topic, MqttMessage m) {
                    received.add(new Received(topic, m.getPayload(), m.isRetained(), System.nanoTime()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(true);
            o.setMaxReconnectDelay(1000);
            o.setMaxInflight(1000);
            sockets.ifPresent(o::setSocketFactory);
            login.ifPresent(l -> {
                o.setUserName(l[0]);
                o.setPassword(l[1].toCharArray());
            });
            client.connect(o);
            subscribe();
        } catch (MqttException e) {
            throw new IOException("probe cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    public static MqttProbe connect(String url, List<String> topics) throws IOException {
        return new MqttProbe(url, topics, Optional.empty(), Optional.empty());
    }

    public static MqttProbe connect(String url, List<String> topics, Optional<SocketFactory> sockets, String user,
            String password) throws IOException {
        return new MqttProbe(url, topics, sockets, Optional.of(new String[] {user, password}));
    }

    private void subscribe() {
        try {
            for (String t : topics) {
                client.subscribe(t, 1);
            }
        } catch (MqttException e) {
            // The next reconnect subscribes again.
        }
    }

    public void publish(String topic, byte[] payload, int qos, boolean retain) throws IOException {
        try {
            client.publish(topic, payload, qos, retain);
        } catch (MqttException e) {
            throw new IOException("probe cannot publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    public void publish(String topic, String payload) throws IOException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> on(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    public void clear() {
        received.clear();
    }

    /** Waits until a message matches and returns the first that does; throws at the timeout. */
    public Received await(Predicate<Received> match, Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Received r : received) {
                if (match.test(r)) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                List<String> last = new ArrayList<>();
                for (Received r : received.subList(Math.max(0, received.size() - 10), received.size())) {
                    last.add(r.topic() + " " + (r.payload().length > 300 ? r.payload().length + " bytes" : r.text()));
                }
                throw new IOException("no " + what + " within " + timeout.toMillis() + " ms; last messages: " + last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + what, e);
            }
        }
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(500);
            }
            client.close(true);
        } catch (MqttException e) {
            // Closing is all that is wanted.
        }
    }
}
