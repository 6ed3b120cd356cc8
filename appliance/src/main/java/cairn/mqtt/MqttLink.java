package cairn.mqtt;

import cairn.base.Backoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The connection to the broker, kept up for as long as Cairn runs, and the pump that empties the
 * {@link Outbox} through it.
 *
 * <pre>
 *   start() ──▶ CONNECTING ──refused / no answer──▶ WAITING 1 s, 2 s, 4 s … retry_max ──┐
 *                  ▲  │ CONNACK                     (one log line per attempt)         │
 *                  │  ▼                                                                │
 *                  │ CONNECTED: "online" (retained) on …/state, subscribe, outbox      │
 *                  │            drained in order, at most 10 messages in flight        │
 *                  │  │ connection lost                                                │
 *                  └──┴────────────────────────────────────────────────────────────────┘
 *   stop(): "offline" (retained) and DISCONNECT; if Cairn dies instead, the will says "offline".
 * </pre>
 *
 * <p>Each attempt uses a new Paho client with the same client id, a persistent session
 * ({@code cleanSession=false}: the broker keeps the subscriptions and queues QoS 1 commands while
 * the box is away) and in-memory Paho persistence. What was in flight when a connection died is
 * owned by the outbox alone and sent again, in order, on the next connection; with Paho's own
 * retry on top it would go out twice from two places. Cairn does its own reconnecting, because
 * Paho's automatic reconnect does not cover a broker that is unreachable at start, and does not
 * report why an attempt failed.
 *
 * <p>Keep-alive: the default 120 s stays below the idle timeout of most carriers' NAT (often 5 min,
 * sometimes less), so commands keep reaching the box, and the broker notices a dead box within
 * 1.5 keep-alives (then publishes the will); each ping costs two 2-byte MQTT packets plus TCP/IP
 * headers, about 6 kB an hour in all.
 *
 * <p>Threading: one thread, {@code mqtt}, runs every state change; Paho's callbacks hand over to
 * it. Incoming messages reach the {@link Listener} on Paho's callback thread.
 */
public final class MqttLink {
  private static final Logger LOG = Logger.getLogger(MqttLink.class.getName());
  static final int MAX_IN_FLIGHT = 10;
  private static final int CONNECT_TIMEOUT_S = 30;

  /** What the link tells its owner. */
  public interface Listener {
    /** On the {@code mqtt} thread, after {@code online} went out and the subscriptions were made. */
    void connected();

    /**
     * On Paho's callback thread: hand over and return. {@code ack} tells the broker the message is
     * taken care of (QoS 1); until then it delivers it again after a reconnect.
     */
    void message(String topic, byte[] payload, boolean retained, Runnable ack);
  }

  private final MqttSettings settings;
  private final Outbox outbox;
  private final Map<String, Integer> subscriptions;
  private final Listener listener;
  private final Backoff backoff;
  private final ScheduledExecutorService exec = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mqtt");
    t.setDaemon(true);
    return t;
  });
  private MqttAsyncClient client;
  private int generation;
  private int inFlight;
  private boolean stopping;
  private volatile boolean connected;
  private volatile String lastProblem = "";
  private volatile java.util.function.LongConsumer wireBytes = n -> {};

  /** @param subscriptions topic filter → QoS, subscribed on every connection */
  public MqttLink(MqttSettings settings, Outbox outbox, Map<String, Integer> subscriptions, Listener listener) {
    this.settings = settings;
    this.outbox = outbox;
    this.subscriptions = Map.copyOf(subscriptions);
    this.listener = listener;
    this.backoff = new Backoff(1_000_000_000L, (long) (settings.retryMaxS() * 1e9));
  }

  /** Told the MQTT bytes of every publish and its acknowledgement (the data budget counts them). */
  public void countWireBytes(java.util.function.LongConsumer counter) {
    wireBytes = counter;
  }

  public void start() {
    exec.execute(this::connect);
  }

  /** Something was added to the outbox: send it if connected. Any thread. */
  public void kick() {
    exec.execute(this::drain);
  }

  /** Runs {@code task} on the link's thread. */
  void execute(Runnable task) {
    exec.execute(task);
  }

  java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long first, long period, TimeUnit unit) {
    return exec.scheduleAtFixedRate(task, first, period, unit);
  }

  public boolean connected() {
    return connected;
  }

  /** Why the last attempt failed or the last connection ended; empty while all is well. */
  public String lastProblem() {
    return lastProblem;
  }

  /** Publishes {@code offline}, disconnects and ends the link's thread; waits at most about 4 s. */
  public void stop() {
    try {
      exec.submit(() -> {
        stopping = true;
        if (connected && client != null) {
          try {
            client.publish(settings.topics().state(), bytes("offline"), 1, true).waitForCompletion(2000);
            client.disconnect(500).waitForCompletion(1500);
            LOG.info("mqtt: offline, disconnected");
          } catch (MqttException e) {
            LOG.warning("mqtt: could not say offline before stopping (" + describe(e) + "); the will says it");
          }
        }
        connected = false;
        closeClient();
      }).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warning("mqtt: stopping took too long: " + e);
    }
    exec.shutdownNow();
  }

  private void connect() {
    if (stopping) {
      return;
    }
    int gen = ++generation;
    try {
      client = new MqttAsyncClient(settings.urls().get(0), settings.deviceId(), new MemoryPersistence());
      client.setManualAcks(true);
      client.setCallback(new MqttCallback() {
        @Override
        public void connectionLost(Throwable cause) {
          exec.execute(() -> lost(gen, cause));
        }

        @Override
        public void messageArrived(String topic, MqttMessage m) {
          Runnable ack = m.getQos() == 0 ? () -> { } : () -> exec.execute(() -> ack(gen, m.getId(), m.getQos()));
          listener.message(topic, m.getPayload(), m.isRetained(), ack);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
          // Each publish has its own listener.
        }
      });
      client.connect(ConnectOptions.of(settings, CONNECT_TIMEOUT_S, MAX_IN_FLIGHT), null, new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
          exec.execute(() -> connected(gen));
        }

        @Override
        public void onFailure(IMqttToken token, Throwable e) {
          exec.execute(() -> retry(gen, "cannot connect to " + settings.urls().get(0), e));
        }
      });
    } catch (MqttException | IOException | GeneralSecurityException | RuntimeException e) {
      retry(gen, "cannot connect to " + settings.urls().get(0), e);
    }
  }

  private void connected(int gen) {
    if (gen != generation || stopping) {
      return;
    }
    try {
      client.publish(settings.topics().state(), bytes("online"), 1, true);
      if (!subscriptions.isEmpty()) {
        List<String> topics = List.copyOf(subscriptions.keySet());
        client.subscribe(topics.toArray(new String[0]), topics.stream().mapToInt(subscriptions::get).toArray());
      }
    } catch (MqttException e) {
      retry(gen, "connected to " + client.getCurrentServerURI() + " but could not say online", e);
      return;
    }
    connected = true;
    lastProblem = "";
    backoff.reset();
    LOG.info("mqtt: connected to " + client.getCurrentServerURI() + " as " + settings.deviceId() + "; "
        + outbox.size() + " message(s) waiting");
    try {
      listener.connected();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "mqtt: connected hook failed", e);
    }
    drain();
  }

  private void lost(int gen, Throwable cause) {
    if (gen != generation) {
      return;
    }
    retry(gen, "connection to " + settings.urls().get(0) + " lost", cause);
  }

  private void retry(int gen, String what, Throwable cause) {
    if (gen != generation || stopping) {
      return;
    }
    connected = false;
    outbox.returnInFlight();
    inFlight = 0;
    closeClient();
    long delay = backoff.nextDelayNanos();
    lastProblem = what + ": " + describe(cause);
    LOG.warning("mqtt: " + lastProblem + "; next attempt in " + Math.round(delay / 1e9) + " s");
    exec.schedule(this::connect, delay, TimeUnit.NANOSECONDS);
  }

  private void ack(int gen, int messageId, int qos) {
    if (gen != generation || !connected) {
      return;
    }
    try {
      client.messageArrivedComplete(messageId, qos);
    } catch (MqttException e) {
      LOG.fine(() -> "mqtt: could not acknowledge message " + messageId + ": " + describe(e));
    }
  }

  private void drain() {
    if (!connected || stopping) {
      return;
    }
    int gen = generation;
    List<Map.Entry<Outbox.Message, byte[]>> batch;
    try {
      batch = outbox.take(MAX_IN_FLIGHT - inFlight);
    } catch (IOException e) {
      LOG.warning("mqtt: cannot read the outbox: " + e.getMessage());
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      Outbox.Message m = batch.get(i).getKey();
      try {
        wireBytes.accept(MqttWire.publishBytes(m.topic(), batch.get(i).getValue().length));
        client.publish(m.topic(), batch.get(i).getValue(), 1, m.retain(), null, new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            exec.execute(() -> delivered(gen, m.seq()));
          }

          @Override
          public void onFailure(IMqttToken token, Throwable ex) {
            // The connection is failing; when it is lost the message goes back to the outbox.
            LOG.fine(() -> "mqtt: publish " + m.seq() + " failed: " + describe(ex));
          }
        });
        inFlight++;
      } catch (MqttException | RuntimeException e) {
        // Paho refused it now (e.g. disconnecting): hand the rest back and try again shortly.
        for (int j = i; j < batch.size(); j++) {
          outbox.giveBack(batch.get(j).getKey().seq());
        }
        LOG.fine(() -> "mqtt: publish refused: " + describe(e));
        exec.schedule(this::drain, 1, TimeUnit.SECONDS);
        return;
      }
    }
  }

  private void delivered(int gen, long seq) {
    if (gen != generation) {
      return;
    }
    try {
      outbox.delivered(seq);
    } catch (IOException e) {
      LOG.warning("mqtt: could not remove delivered message " + seq + " from the outbox: " + e.getMessage());
    }
    inFlight--;
    drain();
  }

  private void closeClient() {
    if (client == null) {
      return;
    }
    MqttAsyncClient c = client;
    client = null;
    try {
      if (c.isConnected()) {
        c.disconnectForcibly(0, 500, false);
      }
    } catch (MqttException | RuntimeException e) {
      LOG.fine(() -> "mqtt: forced disconnect: " + e);
    }
    try {
      c.close(true);
    } catch (MqttException | RuntimeException e) {
      LOG.fine(() -> "mqtt: closing the client: " + e);
    }
  }

  private String describe(Throwable e) {
    return ConnectFailure.describe(e, settings, CONNECT_TIMEOUT_S);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
