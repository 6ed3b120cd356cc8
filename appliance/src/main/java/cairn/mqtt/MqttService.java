package cairn.mqtt;

import cairn.bus.Event;
import cairn.config.CairnConfig;
import cairn.config.ConfigSchema;
import cairn.config.Redact;
import cairn.config.RemoteOverrides;
import cairn.health.Health;
import cairn.time.Ticker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cairn's MQTT side, as CONTRACTS.md describes it: retained {@code online}/{@code offline}, health
 * every {@code mqtt.health_interval}, events as they happen, commands with replies, and Home
 * Assistant discovery. Everything it publishes goes through the on-disk {@link Outbox} (only the
 * state goes direct, on each connection), so nothing is lost while the broker is away.
 *
 * <p>On disk, under {@code DATA/mqtt/}: {@code outbox/} (waiting messages), {@code answered.log}
 * (command ids already run). Threading: {@code mqtt} (the link: connection, outbox, health,
 * events) and {@code mqtt-commands} (one command at a time); {@link #event} may be called from
 * any thread and never blocks.
 */
public final class MqttService {
  private static final Logger LOG = Logger.getLogger(MqttService.class.getName());
  private static final int ANSWERED_IDS_KEPT = 2000;
  private static final int COMMAND_QUEUE = 1000;
  private static final long FIRST_HEALTH_S = 10;
  private static final long REPLY_WAIT_MS = 10_000;
  private static final long EVICTION_WINDOW_NANOS = 60_000_000_000L;

  private final MqttSettings settings;
  private final Path dir;
  private final DeviceControl control;
  private final RemoteOverrides remote;
  private final Supplier<Health> health;
  private final String version;
  private final InstantSource clock;
  private final BooleanSupplier clockSynced;
  private final ThreadPoolExecutor commandThread;
  private Outbox outbox;
  private MqttLink link;
  private CommandInbox inbox;
  private EventGate gate;
  private ScheduledFuture<?> healthTask;
  private volatile double healthIntervalS;
  private java.util.function.LongConsumer wireBytes = n -> {};

  public MqttService(MqttSettings settings, Path dataDir, DeviceControl control, RemoteOverrides remote,
      Supplier<Health> health, String version, InstantSource clock, BooleanSupplier clockSynced) {
    this.settings = settings;
    this.dir = dataDir.resolve("mqtt");
    this.control = control;
    this.remote = remote;
    this.health = health;
    this.version = version;
    this.clock = clock;
    this.clockSynced = clockSynced;
    this.healthIntervalS = settings.healthIntervalS();
    this.commandThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(COMMAND_QUEUE),
        r -> {
          Thread t = new Thread(r, "mqtt-commands");
          t.setDaemon(true);
          return t;
        },
        (r, e) -> LOG.warning("mqtt: " + COMMAND_QUEUE + " commands waiting; dropped one (QoS 1 ones come again)"));
  }

  /** Told the bytes of every publish on the wire; set before {@link #start}. */
  public void countWireBytes(java.util.function.LongConsumer counter) {
    wireBytes = counter;
  }

  public void start() throws IOException {
    outbox = Outbox.open(dir.resolve("outbox"), settings.outboxMessages());
    AnsweredIds answered = AnsweredIds.open(dir.resolve("answered.log"), ANSWERED_IDS_KEPT);
    Commands commands = new Commands(control, remote, settings, this::publish, version, clock, this::applyOwn);
    inbox = new CommandInbox(commands, answered, outbox, settings.topics(), settings.hmacKey(), clock, clockSynced,
        () -> link.kick());
    inbox.reconcile();
    String haStatus = settings.discoveryPrefix() + "/status";
    link = new MqttLink(settings, outbox, settings.discovery() ? Map.of(settings.topics().cmd(), 1, haStatus, 0)
        : Map.of(settings.topics().cmd(), 1), new MqttLink.Listener() {
          @Override
          public void connected() {}

          @Override
          public void message(String topic, byte[] payload, boolean retained, Runnable ack) {
            if (topic.equals(haStatus)) {
              // A retained birth message comes with every subscription; only a live one means Home Assistant
              // (re)started and may have lost the configs.
              if (!retained && new String(payload, StandardCharsets.UTF_8).strip().equals("online")) {
                LOG.info("mqtt: Home Assistant came online; announcing the device again");
                link.execute(MqttService.this::announce);
              }
              ack.run();
            } else {
              commandThread.execute(() -> command(payload, ack));
            }
          }
        });
    LOG.info("mqtt: publishing under " + settings.topics().root() + " to " + String.join(", ", settings.urls())
        + "; health every " + Math.round(healthIntervalS) + " s; " + outbox.size() + " message(s) waiting from before");
    if (settings.discovery()) {
      announce();
    }
    gate = new EventGate(Ticker.system(), (long) (settings.motionHoldS() * 1e9), EVICTION_WINDOW_NANOS,
        e -> publishQuietly(settings.topics().event(), Payloads.event(e), false, null));
    link.scheduleAtFixedRate(gate::tick, 1, 1, TimeUnit.SECONDS);
    link.countWireBytes(wireBytes);
    link.start();
    scheduleHealth(FIRST_HEALTH_S);
  }

  /** Queues an event for the broker. Any thread; never blocks. */
  public void event(Event e) {
    if (link == null) {
      return;
    }
    link.execute(() -> gate.accept(e));
  }

  public boolean connected() {
    return link != null && link.connected();
  }

  /** Runs {@code task} on the link's thread, after what is queued there; for a liveness probe. */
  public void onLinkThread(Runnable task) {
    link.execute(task);
  }

  /** Ends commands, says offline, disconnects. What is still in the outbox goes out after the next start. */
  public void stop() {
    commandThread.shutdownNow();
    if (link != null) {
      link.execute(gate::flush);
      link.stop();
    }
  }

  private void command(byte[] payload, Runnable ack) {
    try {
      Optional<Runnable> after = inbox.handle(payload);
      ack.run();
      after.ifPresent(task -> {
        awaitRepliesSent();
        task.run();
      });
    } catch (IOException | RuntimeException e) {
      // Not acknowledged: after a reconnect the broker delivers it again.
      LOG.log(Level.WARNING, "mqtt: could not handle a command", e);
    }
  }

  /** Waits (at most {@value #REPLY_WAIT_MS} ms) until no reply waits in the outbox: before a reboot. */
  private void awaitRepliesSent() {
    long deadline = System.nanoTime() + REPLY_WAIT_MS * 1_000_000;
    while (!outbox.commandIds().isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void announce() {
    for (Discovery.Message m : new Discovery(settings, version, control.cameras()).messages()) {
      publishQuietly(m.topic(), m.payload(), true, "discovery:" + m.topic());
    }
  }

  /** Every text message leaves scrubbed of secrets (an error text may quote a camera's URL). */
  private void publish(String topic, byte[] payload, boolean retain, String replaces) throws IOException {
    byte[] sent = settings.topics().isSnapshot(topic) ? payload
        : Redact.text(new String(payload, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    outbox.add(topic, sent, retain, replaces, null);
    link.kick();
  }

  private void publishQuietly(String topic, byte[] payload, boolean retain, String replaces) {
    try {
      publish(topic, payload, retain, replaces);
    } catch (IOException | RuntimeException e) {
      LOG.warning("mqtt: could not queue a message for " + topic + ": " + e.getMessage());
    }
  }

  private void publishHealth() {
    try {
      Health h = health.get();
      publish(settings.topics().health(), Payloads.health(h, clock.instant(), outbox.size(), outbox.dropped()), true,
          "health");
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "mqtt: health not published", e);
    }
  }

  private void scheduleHealth(double firstDelayS) {
    link.execute(() -> {
      if (healthTask != null) {
        healthTask.cancel(false);
      }
      healthTask = link.scheduleAtFixedRate(this::publishHealth, (long) (firstDelayS * 1000),
          (long) (healthIntervalS * 1000), TimeUnit.MILLISECONDS);
    });
  }

  /** The keys of a changed config that the MQTT side takes at once: the health interval. */
  private Set<String> applyOwn(CairnConfig config, Set<String> changed) {
    String key = ConfigSchema.MQTT_HEALTH_INTERVAL.path();
    if (!changed.contains(key)) {
      return Set.of();
    }
    healthIntervalS = config.values().get(ConfigSchema.MQTT_HEALTH_INTERVAL);
    scheduleHealth(healthIntervalS);
    return Set.of(key);
  }
}
