package cairn.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;
import cairn.config.ConfigLoader;
import cairn.config.RemoteOverrides;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandInboxTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "a-shared-key-of-16-or-more";

  @TempDir Path dir;
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-21T10:00:00Z"));
  private boolean clockSynced = true;
  private FakeDevice device;
  private Outbox outbox;
  private CommandInbox inbox;
  private Optional<Runnable> after;

  @BeforeEach
  void setUp() throws Exception {
    open(List.of());
  }

  private void open(List<String> sets) throws Exception {
    List<String> all = new ArrayList<>(List.of("storage.dir=" + dir, "mqtt.url=tcp://127.0.0.1:1"));
    all.addAll(sets);
    var config = ConfigLoader.load(Optional.empty(), all);
    device = new FakeDevice(config);
    MqttSettings s = MqttSettings.from(config);
    outbox = Outbox.open(dir.resolve("outbox"), 100);
    RemoteOverrides remote = new RemoteOverrides(Optional.empty(), all.stream().map(x -> x).toList(), dir);
    Commands commands = new Commands(device, remote, s, (t, p, r, k) -> outbox.add(t, p, r, k, null), "test", clock,
        (c, changed) -> Set.of());
    inbox = new CommandInbox(commands, AnsweredIds.open(dir.resolve("answered.log"), 100), outbox, s.topics(),
        s.hmacKey(), clock, () -> clockSynced, () -> { });
    inbox.reconcile();
  }

  /** Sends a payload and returns the replies it caused (and delivers everything else it published). */
  private List<JsonNode> send(String payload) throws Exception {
    after = inbox.handle(payload.getBytes(UTF_8));
    List<JsonNode> replies = new ArrayList<>();
    for (var e : outbox.take(100)) {
      if (e.getKey().topic().equals("cairn/cairn/cmd/result")) {
        replies.add(JSON.readTree(e.getValue()));
      }
      outbox.delivered(e.getKey().seq());
    }
    return replies;
  }

  private JsonNode one(String payload) throws Exception {
    List<JsonNode> r = send(payload);
    assertEquals(1, r.size(), "replies: " + r);
    return r.get(0);
  }

  private String error(String payload) throws Exception {
    JsonNode r = one(payload);
    assertFalse(r.get("ok").asBoolean(), r.toString());
    return r.get("error").asText();
  }

  @Test
  void pingIsAnsweredOnceEvenWhenDeliveredAgainOrAfterARestart() throws Exception {
    JsonNode r = one("{\"id\":\"p1\",\"action\":\"ping\"}");
    assertEquals("p1", r.get("id").asText());
    assertTrue(r.get("result").get("pong").asBoolean());
    assertEquals(List.of(), send("{\"id\":\"p1\",\"action\":\"ping\"}"));
    open(List.of());
    assertEquals(List.of(), send("{\"id\":\"p1\",\"action\":\"ping\"}"));
  }

  @Test
  void otaStartsAnUpdateFromTheGivenManifestOrTheConfiguredOne() throws Exception {
    JsonNode r = one("{\"id\":\"o1\",\"action\":\"ota\",\"args\":{\"manifest\":\"https://h/latest.manifest\"}}");
    assertTrue(r.get("ok").asBoolean(), r.toString());
    assertEquals("https://h/latest.manifest", r.get("result").get("manifest").asText());
    assertTrue(one("{\"id\":\"o2\",\"action\":\"ota\"}").get("ok").asBoolean());
    assertEquals(List.of("ota https://h/latest.manifest", "ota (configured)"), device.calls);
  }

  @Test
  void otaWithABadAddressOrWhileBusyIsRefusedWithAReason() throws Exception {
    assertTrue(error("{\"id\":\"o3\",\"action\":\"ota\",\"args\":{\"manifest\":\"file:///etc/passwd\"}}")
        .contains("must be an http:// or https:// address"));
    assertTrue(error("{\"id\":\"o4\",\"action\":\"ota\",\"args\":{\"manifest\":5}}").contains("manifest"));
    assertTrue(error("{\"id\":\"o5\",\"action\":\"ota\",\"args\":{\"url\":\"https://h/x\"}}").contains("url"));
    device.updateBusy = "an update is already downloading";
    assertEquals("ota: an update is already downloading", error("{\"id\":\"o6\",\"action\":\"ota\"}"));
    assertEquals(List.of(), device.calls);
  }

  @Test
  void aReplyStillWaitingInTheOutboxCountsAsAnsweredAfterACrash() throws Exception {
    inbox.handle("{\"id\":\"w1\",\"action\":\"ping\"}".getBytes(UTF_8));
    Files.delete(dir.resolve("answered.log"));
    open(List.of());
    assertEquals(List.of("w1"), send("{\"id\":\"w1\",\"action\":\"ping\"}").stream()
        .map(n -> n.get("id").asText()).toList(), "the one reply from before, no second");
  }

  @Test
  void aCommandCutShortByACrashIsNotRunAgain() throws Exception {
    AnsweredIds.open(dir.resolve("answered.log"), 100).started("r1");
    open(List.of());
    assertEquals("interrupted by a restart before it finished; not run again",
        error("{\"id\":\"r1\",\"action\":\"reboot\"}"));
    assertEquals(List.of(), device.calls);
    assertEquals(List.of(), send("{\"id\":\"r1\",\"action\":\"reboot\"}"));
  }

  @Test
  void expiredCommandsAreRefusedAndNotRun() throws Exception {
    assertTrue(error("{\"id\":\"e1\",\"action\":\"reboot\",\"expires\":\"2026-11-21T09:59:59Z\"}")
        .startsWith("expired at 2026-11-21T09:59:59Z"));
    assertTrue(one("{\"id\":\"e2\",\"action\":\"ping\",\"expires\":\"2026-11-21T10:00:01Z\"}").get("ok").asBoolean());
    clockSynced = false;
    assertTrue(error("{\"id\":\"e3\",\"action\":\"ping\",\"expires\":\"2026-11-21T10:00:01Z\"}")
        .contains("clock is not set"));
    assertEquals(List.of(), device.calls);
  }

  @Test
  void malformedUnknownAndBadArgumentsGetOneSentenceAndChangeNothing() throws Exception {
    assertTrue(error("{\"id\":\"m1\",\"action\":").startsWith("the command is not valid JSON"));
    assertEquals(List.of(), send("not json at all"));
    assertTrue(error("{\"id\":\"m2\",\"action\":\"format-disk\"}").startsWith("unknown action 'format-disk'"));
    assertEquals("rate-override: kbps 5 is out of range; allowed: 30 to 50000",
        error("{\"id\":\"m3\",\"action\":\"rate-override\",\"args\":{\"kbps\":5,\"minutes\":3}}"));
    assertEquals("rate-override: minutes is missing",
        error("{\"id\":\"m4\",\"action\":\"rate-override\",\"args\":{\"kbps\":300}}"));
    assertEquals("ping does not take 'loud'", error("{\"id\":\"m5\",\"action\":\"ping\",\"args\":{\"loud\":true}}"));
    assertEquals("restart-pipeline: no camera 'cam9'; cameras: cam1",
        error("{\"id\":\"m6\",\"action\":\"restart-pipeline\",\"args\":{\"camera\":\"cam9\"}}"));
    assertEquals("clip: 'from' is required", error("{\"id\":\"m7\",\"action\":\"clip\",\"args\":{}}"));
    assertEquals("clip: 'to' must be an ISO-8601 time such as 2026-11-21T07:00:00Z",
        error("{\"id\":\"m8\",\"action\":\"clip\",\"args\":{\"from\":\"2026-11-21T07:00:00Z\",\"to\":\"noon\"}}"));
    assertEquals("clip: 'from' must come before 'to', at most a day apart",
        error("{\"id\":\"m9\",\"action\":\"clip\",\"args\":{\"from\":\"2026-11-21T07:00:00Z\","
            + "\"to\":\"2026-11-23T07:00:00Z\"}}"));
    assertEquals(List.of(), device.calls);
  }

  @Test
  void clipQueuesTheRangeAheadOfTheBacklogOrSaysThereIsNoUplink() throws Exception {
    String clip = "{\"id\":\"%s\",\"action\":\"clip\",\"args\":{\"from\":\"2026-11-21T07:00:00Z\","
        + "\"to\":\"2026-11-21T07:05:00Z\"}}";
    assertEquals("clip: no uplink configured, so there is nowhere to upload a clip to", error(clip.formatted("c1")));
    device.clipWaiting = Optional.of(12);
    JsonNode r = one(clip.formatted("c2"));
    assertEquals(12, r.path("result").path("segments_queued").asInt(), r.toString());
    assertEquals(List.of("clip cam1 2026-11-21T07:00:00Z 2026-11-21T07:05:00Z"), device.calls);
  }

  @Test
  void rateOverrideAndRestartReachTheDevice() throws Exception {
    JsonNode r = one("{\"id\":\"o1\",\"action\":\"rate-override\",\"args\":{\"camera\":\"cam1\",\"kbps\":300,"
        + "\"minutes\":30}}");
    assertEquals("2026-11-21T10:30:00Z", r.get("result").get("until").asText());
    one("{\"id\":\"o2\",\"action\":\"restart-pipeline\"}");
    assertEquals(List.of("pin cam1 300 30min", "restart cam1"), device.calls);
  }

  @Test
  void setValidatesLikeTheConfigFileAndPersists() throws Exception {
    assertEquals("set refused, nothing changed: encoder.max_kbps: 5 is out of range; allowed: a whole number from 30"
        + " to 50000", error("{\"id\":\"s1\",\"action\":\"set\",\"args\":{\"encoder.max_kbps\":5}}"));
    assertFalse(Files.exists(dir.resolve("remote.conf")));
    assertTrue(error("{\"id\":\"s2\",\"action\":\"set\",\"args\":{\"system.reboot_command\":\"rm -rf /\"}}")
        .contains("cannot be changed remotely"));
    assertTrue(error("{\"id\":\"s2k\",\"action\":\"set\",\"args\":{\"ota.public_key\":\"/tmp/mine.pub\"}}")
        .contains("cannot be changed remotely"));
    JsonNode ok = one("{\"id\":\"s3\",\"action\":\"set\",\"args\":{\"encoder.max_kbps\":400,\"storage.quota\":\"1GiB\"}}");
    assertEquals("[\"encoder.max_kbps\"]", ok.get("result").get("applied_now").toString());
    assertEquals("[\"storage.quota\"]", ok.get("result").get("restart_needed").toString());
    assertEquals(400, (int) device.config.encoder().maxKbps());
    JsonNode config = one("{\"id\":\"s4\",\"action\":\"get-config\"}").get("result");
    assertEquals("400", config.get("values").get("encoder.max_kbps").asText());
    assertEquals("1 GiB", config.get("values").get("storage.quota").asText());
    assertEquals("400", config.get("remote").get("encoder.max_kbps").asText());
  }

  @Test
  void getConfigHidesSecrets() throws Exception {
    open(List.of("mqtt.password=hunter2"));
    JsonNode values = one("{\"id\":\"g1\",\"action\":\"get-config\"}").get("result").get("values");
    assertEquals("***", values.get("mqtt.password").asText());
    assertEquals("", values.get("mqtt.hmac_key").asText());
  }

  @Test
  void rebootHappensOnlyAfterTheReply() throws Exception {
    assertTrue(one("{\"id\":\"b1\",\"action\":\"reboot\"}").get("ok").asBoolean());
    assertEquals(List.of(), device.calls);
    after.orElseThrow().run();
    assertEquals(List.of("reboot"), device.calls);
  }

  @Test
  void snapshotPublishesAJpegOfTheNewestFrame() throws Exception {
    assertEquals("snapshot: camera cam1 has no picture yet", error("{\"id\":\"j1\",\"action\":\"snapshot\"}"));
    device.snapshot = new Snapshot(new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, (byte) 0xff, (byte) 0xd9}, 64, 48, 2,
        1_700_000_000_000L);
    inbox.handle("{\"id\":\"j2\",\"action\":\"snapshot\"}".getBytes(UTF_8));
    var sent = outbox.take(10);
    assertEquals("cairn/cairn/snapshot/cam1", sent.get(0).getKey().topic());
    assertTrue(sent.get(0).getKey().retain());
    assertEquals((byte) 0xff, sent.get(0).getValue()[0]);
    assertEquals((byte) 0xd8, sent.get(0).getValue()[1]);
    JsonNode reply = JSON.readTree(sent.get(1).getValue());
    assertEquals(sent.get(0).getValue().length, reply.get("result").get("bytes").asInt());
    assertFalse(reply.get("result").has("upload"), "no uplink, no upload");
    device.uploadedSnapshots = true;
    inbox.handle("{\"id\":\"j3\",\"action\":\"snapshot\"}".getBytes(UTF_8));
    JsonNode again = JSON.readTree(outbox.take(10).get(1).getValue());
    assertEquals("http://server/box/cam1/snapshot.jpg", again.get("result").get("upload").asText(), again.toString());
  }

  @Test
  void withAKeyOnlyCorrectlySignedUnexpiredCommandsRun() throws Exception {
    open(List.of("mqtt.hmac_key=" + KEY));
    assertTrue(error("{\"id\":\"h1\",\"action\":\"ping\"}").contains("only signed commands"));
    String body = "{\"id\":\"h2\",\"action\":\"restart-pipeline\",\"expires\":\"2026-11-21T10:05:00Z\"";
    Command c = ((CommandParser.Valid) CommandParser.parse((body + "}").getBytes(UTF_8))).command();
    String sig = CommandSignature.sign(KEY, c);
    String wrong = sig.substring(0, 63) + (sig.charAt(63) == '0' ? '1' : '0');
    assertTrue(error(body + ",\"sig\":\"" + wrong + "\"}").startsWith("bad signature"));
    assertEquals(List.of(), device.calls);
    String h3 = body.replace("h2", "h3");
    Command c3 = ((CommandParser.Valid) CommandParser.parse((h3 + "}").getBytes(UTF_8))).command();
    assertTrue(one(h3 + ",\"sig\":\"" + CommandSignature.sign(KEY, c3) + "\"}").get("ok").asBoolean());
    assertEquals(List.of("restart cam1"), device.calls);
    String noExpiry = "{\"id\":\"h4\",\"action\":\"ping\"";
    Command c4 = ((CommandParser.Valid) CommandParser.parse((noExpiry + "}").getBytes(UTF_8))).command();
    assertEquals("a signed command must say when it expires",
        error(noExpiry + ",\"sig\":\"" + CommandSignature.sign(KEY, c4) + "\"}"));
    clock.advance(Duration.ofMinutes(10));
    String h5 = body.replace("h2", "h5");
    Command c5 = ((CommandParser.Valid) CommandParser.parse((h5 + "}").getBytes(UTF_8))).command();
    assertTrue(error(h5 + ",\"sig\":\"" + CommandSignature.sign(KEY, c5) + "\"}").startsWith("expired"));
  }
}
