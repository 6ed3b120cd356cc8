package cairn.mqtt;

import cairn.config.CairnConfig;
import cairn.config.ConfigException;
import cairn.config.ConfigSchema;
import cairn.config.ConfigValues;
import cairn.config.Key;
import cairn.config.RemoteOverrides;
import cairn.encode.EncodingTarget;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * The actions a command may ask for, each checking its own arguments before it changes anything:
 *
 * <pre>
 *   ping                                        → {"pong": true, "version", "time"}
 *   snapshot        {camera?, max_bytes?}       → JPEG of the newest frame on …/snapshot/CAMERA (retained),
 *                                                 and as CAMERA/snapshot.jpg beside the segments if uploading
 *   get-config                                  → every key's value (secrets masked) and the remote changes
 *   set             {"section.key": value, …}   → validated as the config file is, persisted, applied
 *                                                 now where possible; null removes a remote change
 *   restart-pipeline {camera?}                  → fresh pipeline(s) with the current config
 *   reboot                                      → the system reboot command, once the reply is out
 *   rate-override   {camera?, kbps, fps?, width?, height?, minutes}
 *                                               → pins the camera's target; minutes 0 lifts the pin
 *   clip            {camera?, from, to}         → that time range (ISO-8601, at most a day) uploaded
 *                                                 right after live segments, ahead of the backlog
 *   ota             {manifest?}                 → an update from that manifest address, or from
 *                                                 ota.manifest_url ("check now"); outcome in events
 * </pre>
 *
 * <p>Threading: the MQTT command thread only.
 */
final class Commands {
  private static final Logger LOG = Logger.getLogger(Commands.class.getName());
  static final List<String> ACTIONS = List.of("ping", "snapshot", "get-config", "set", "restart-pipeline", "reboot",
      "rate-override", "clip", "ota");
  private static final int MAX_SET_KEYS = 50;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What an action produced, and what must happen once its reply has gone out (a reboot). */
  record Outcome(JsonNode result, Optional<Runnable> afterReply) {
    static Outcome of(JsonNode result) {
      return new Outcome(result, Optional.empty());
    }
  }

  /** Publishes a message through the outbox: topic, payload, retain, replaces. */
  interface Publisher {
    void publish(String topic, byte[] payload, boolean retain, String replaces) throws IOException;
  }

  private final DeviceControl control;
  private final RemoteOverrides remote;
  private final MqttSettings settings;
  private final Publisher publisher;
  private final String version;
  private final InstantSource clock;
  private final BiFunction<CairnConfig, Set<String>, Set<String>> ownLiveKeys;

  /**
   * @param ownLiveKeys applies the keys the MQTT side itself takes live (health interval) and
   *     returns which of the changed keys it took
   */
  Commands(DeviceControl control, RemoteOverrides remote, MqttSettings settings, Publisher publisher, String version,
      InstantSource clock, BiFunction<CairnConfig, Set<String>, Set<String>> ownLiveKeys) {
    this.control = control;
    this.remote = remote;
    this.settings = settings;
    this.publisher = publisher;
    this.version = version;
    this.clock = clock;
    this.ownLiveKeys = ownLiveKeys;
  }

  Outcome run(Command c) throws CommandRefused, IOException {
    Args args = new Args(c.action(), c.args());
    return switch (c.action()) {
      case "ping" -> ping(args);
      case "snapshot" -> snapshot(args);
      case "get-config" -> getConfig(args);
      case "set" -> set(args);
      case "restart-pipeline" -> restartPipeline(args);
      case "reboot" -> reboot(args);
      case "rate-override" -> rateOverride(args);
      case "clip" -> clip(args);
      case "ota" -> ota(args);
      default -> throw new CommandRefused("unknown action '" + CommandParser.clip(c.action()) + "'; known: "
          + String.join(", ", ACTIONS));
    };
  }

  private Outcome clip(Args args) throws CommandRefused {
    String camera = camera(args, "clip");
    Instant from = instant(args, "from");
    Instant to = instant(args, "to");
    args.done();
    if (!from.isBefore(to) || Duration.between(from, to).compareTo(Duration.ofDays(1)) > 0) {
      throw new CommandRefused("clip: 'from' must come before 'to', at most a day apart");
    }
    int waiting = control.sendClipFirst(camera, from, to)
        .orElseThrow(() -> new CommandRefused("clip: no uplink configured, so there is nowhere to upload a clip to"));
    return Outcome.of(NODES.objectNode().put("camera", camera).put("from", from.toString()).put("to", to.toString())
        .put("segments_queued", waiting));
  }

  private Outcome ota(Args args) throws CommandRefused {
    Optional<String> manifest = args.text("manifest");
    args.done();
    if (manifest.isPresent() && !manifest.get().matches("https?://\\S{1,2000}")) {
      throw new CommandRefused("ota: 'manifest' must be an http:// or https:// address of a release manifest");
    }
    try {
      String url = control.startUpdate(manifest);
      return Outcome.of(NODES.objectNode().put("started", true).put("manifest", url));
    } catch (IllegalStateException e) {
      throw new CommandRefused("ota: " + e.getMessage());
    }
  }

  private static Instant instant(Args args, String name) throws CommandRefused {
    String text = args.text(name).orElseThrow(() -> new CommandRefused("clip: '" + name + "' is required"));
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw new CommandRefused("clip: '" + name + "' must be an ISO-8601 time such as 2026-11-21T07:00:00Z");
    }
  }

  private Outcome ping(Args args) throws CommandRefused {
    args.done();
    return Outcome.of(NODES.objectNode().put("pong", true).put("version", version)
        .put("time", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
  }

  private Outcome snapshot(Args args) throws CommandRefused, IOException {
    String camera = camera(args, "snapshot");
    int max = args.integer("max_bytes", 4096, 1 << 20).orElse(settings.snapshotMaxBytes());
    args.done();
    Snapshot jpeg;
    try {
      jpeg = control.snapshot(camera, max)
          .orElseThrow(() -> new CommandRefused("snapshot: camera " + camera + " has no picture yet"));
    } catch (IOException e) {
      throw new CommandRefused("snapshot: " + e.getMessage());
    }
    String topic = settings.topics().snapshot(camera);
    publisher.publish(topic, jpeg.jpeg(), true, "snapshot:" + camera);
    ObjectNode result = NODES.objectNode();
    control.uploadSnapshot(camera, jpeg.jpeg()).ifPresent(url -> result.put("upload", url));
    return Outcome.of(result.put("camera", camera).put("topic", topic).put("bytes", jpeg.jpeg().length)
        .put("width", jpeg.width()).put("height", jpeg.height()).put("qscale", jpeg.qscale())
        .put("captured_at", Instant.ofEpochMilli(jpeg.capturedAtMillis()).truncatedTo(ChronoUnit.MILLIS).toString()));
  }

  private Outcome getConfig(Args args) throws CommandRefused {
    args.done();
    ObjectNode values = NODES.objectNode();
    ConfigValues v = control.config();
    for (Key<?> k : ConfigSchema.GLOBAL_KEYS) {
      values.put(k.path(), shown(k, v.get(k)));
    }
    for (String cam : v.cameraNames()) {
      for (Key<?> k : ConfigSchema.CAMERA_KEYS) {
        values.put("camera." + cam + "." + k.name(), shown(k, v.camera(cam, k)));
      }
    }
    ObjectNode changed = NODES.objectNode();
    try {
      remote.current().forEach((k, val) -> changed.put(k, ConfigSchema.shown(k, val)));
    } catch (ConfigException e) {
      throw new CommandRefused("get-config: " + remote.file() + " cannot be read");
    }
    ObjectNode result = NODES.objectNode();
    result.set("values", values);
    result.set("remote", changed);
    return Outcome.of(result);
  }

  private Outcome set(Args args) throws CommandRefused, IOException {
    ObjectNode all = args.all();
    if (all.isEmpty()) {
      throw new CommandRefused("set: give at least one key, e.g. {\"encoder.max_kbps\": 400}");
    }
    if (all.size() > MAX_SET_KEYS) {
      throw new CommandRefused("set: at most " + MAX_SET_KEYS + " keys at once");
    }
    Map<String, Optional<String>> changes = new LinkedHashMap<>();
    for (var it = all.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode n = e.getValue();
      if (n.isNull()) {
        changes.put(e.getKey(), Optional.empty());
      } else if (n.isTextual() || n.isNumber() || n.isBoolean()) {
        changes.put(e.getKey(), Optional.of(n.asText()));
      } else {
        throw new CommandRefused("set: " + CommandParser.clip(e.getKey()) + " must be a string, number, boolean or null");
      }
    }
    RemoteOverrides.Applied applied;
    try {
      applied = remote.apply(changes);
    } catch (ConfigException e) {
      throw new CommandRefused("set refused, nothing changed: " + sentence(e));
    }
    Set<String> now = new TreeSet<>(control.reconfigure(applied.config(), applied.changed()));
    now.addAll(ownLiveKeys.apply(applied.config(), applied.changed()));
    now.removeAll(applied.shadowed());
    List<String> later = new ArrayList<>(new TreeSet<>(applied.changed()));
    later.removeAll(now);
    later.removeAll(applied.shadowed());
    ObjectNode result = NODES.objectNode();
    result.set("changed", strings(new TreeSet<>(applied.changed())));
    result.set("applied_now", strings(now));
    result.set("restart_needed", strings(later));
    result.set("overridden_by_command_line", strings(applied.shadowed()));
    LOG.info("set over MQTT: " + new TreeSet<>(applied.changed()) + "; applied now: " + now + "; at restart: " + later);
    return Outcome.of(result);
  }

  private Outcome restartPipeline(Args args) throws CommandRefused {
    Optional<String> cam = args.text("camera");
    args.done();
    List<String> cams = cam.isPresent() ? List.of(known(cam.get(), "restart-pipeline")) : control.cameras();
    cams.forEach(control::restartPipeline);
    ObjectNode result = NODES.objectNode();
    result.set("restarted", strings(cams));
    return Outcome.of(result);
  }

  private Outcome reboot(Args args) throws CommandRefused {
    args.done();
    LOG.warning("reboot asked for over MQTT");
    return new Outcome(NODES.objectNode().put("rebooting", true), Optional.of(() -> {
      try {
        control.reboot();
      } catch (IOException e) {
        LOG.severe("reboot command failed: " + e.getMessage());
      }
    }));
  }

  private Outcome rateOverride(Args args) throws CommandRefused {
    String camera = camera(args, "rate-override");
    int kbps = args.requiredInteger("kbps", 30, 50_000);
    double fps = args.number("fps", 0, 120).orElse(0.0);
    int width = args.integer("width", 0, 4096).orElse(0) & ~1;
    int height = args.integer("height", 0, 4096).orElse(0) & ~1;
    int minutes = args.requiredInteger("minutes", 0, 24 * 60);
    args.done();
    if ((width == 0) != (height == 0)) {
      throw new CommandRefused("rate-override: give both width and height, or neither");
    }
    EncodingTarget target = new EncodingTarget(kbps, fps, width, height);
    control.pinTarget(camera, target, Duration.ofMinutes(minutes));
    ObjectNode result = NODES.objectNode().put("camera", camera);
    if (minutes == 0) {
      result.put("pinned", false);
    } else {
      result.put("pinned", true).put("kbps", kbps).put("fps", fps).put("width", width).put("height", height)
          .put("until", clock.instant().plus(Duration.ofMinutes(minutes)).truncatedTo(ChronoUnit.SECONDS).toString());
    }
    return Outcome.of(result);
  }

  private String camera(Args args, String action) throws CommandRefused {
    Optional<String> cam = args.text("camera");
    if (cam.isPresent()) {
      return known(cam.get(), action);
    }
    List<String> cams = control.cameras();
    if (cams.size() != 1) {
      throw new CommandRefused(action + ": name the camera; cameras: " + String.join(", ", cams));
    }
    return cams.get(0);
  }

  private String known(String camera, String action) throws CommandRefused {
    if (!control.cameras().contains(camera)) {
      throw new CommandRefused(action + ": no camera '" + CommandParser.clip(camera) + "'; cameras: "
          + String.join(", ", control.cameras()));
    }
    return camera;
  }

  /** The loader's message without its "config error: WHERE: " opening, which names a temporary file here. */
  static String sentence(ConfigException e) {
    String m = e.getMessage();
    int i = m.indexOf(": " + e.key() + ": ");
    return i >= 0 ? m.substring(i + 2) : m.replaceFirst("^config error: ", "");
  }

  @SuppressWarnings("unchecked")
  private static <T> String shown(Key<T> k, Object value) {
    return k.type().shown((T) value);
  }

  @SuppressWarnings("unchecked")
  private static <T> String format(Key<T> k, Object value) {
    return k.type().format((T) value);
  }

  private static com.fasterxml.jackson.databind.node.ArrayNode strings(Iterable<String> items) {
    var a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }
}
