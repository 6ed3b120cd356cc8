package cairn.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
  @TempDir Path dir;

  private static List<String> payloads(List<Map.Entry<Outbox.Message, byte[]>> taken) {
    return taken.stream().map(e -> new String(e.getValue(), UTF_8)).toList();
  }

  @Test
  void sendsInOrderAndSurvivesARestart() throws Exception {
    Outbox o = Outbox.open(dir, 100);
    for (int i = 0; i < 5; i++) {
      o.add("t/event", ("e" + i).getBytes(UTF_8), false, null, null);
    }
    var first = o.take(2);
    assertEquals(List.of("e0", "e1"), payloads(first));
    o.delivered(first.get(0).getKey().seq());
    // A crash now: e1 was in flight, not confirmed; it must come out again, first.
    Outbox again = Outbox.open(dir, 100);
    assertEquals(List.of("e1", "e2", "e3", "e4"), payloads(again.take(10)));
    assertEquals("t/event", again.waiting().get(0).topic());
  }

  @Test
  void inFlightGoesOutAgainAfterTheConnectionIsLost() throws Exception {
    Outbox o = Outbox.open(dir, 100);
    o.add("t", "a".getBytes(UTF_8), false, null, null);
    o.add("t", "b".getBytes(UTF_8), false, null, null);
    assertEquals(List.of("a", "b"), payloads(o.take(10)));
    assertEquals(List.of(), payloads(o.take(10)));
    o.returnInFlight();
    assertEquals(List.of("a", "b"), payloads(o.take(10)));
  }

  @Test
  void onlyTheLatestHealthWaits() throws Exception {
    Outbox o = Outbox.open(dir, 100);
    o.add("t/health", "h1".getBytes(UTF_8), true, "health", null);
    o.add("t/event", "e".getBytes(UTF_8), false, null, null);
    o.add("t/health", "h2".getBytes(UTF_8), true, "health", null);
    assertEquals(List.of("e", "h2"), payloads(o.take(10)));
    assertTrue(o.waiting().get(1).retain());
  }

  @Test
  void whenFullTheOldestGoesFirstAndTheDropIsCountedForGood() throws Exception {
    Outbox o = Outbox.open(dir, 10);
    for (int i = 0; i < 15; i++) {
      o.add("t", ("e" + i).getBytes(UTF_8), false, null, null);
    }
    assertEquals(10, o.size());
    assertEquals(5, o.dropped());
    assertEquals(List.of("e5", "e6"), payloads(o.take(2)));
    assertEquals(5, Outbox.open(dir, 10).dropped());
  }

  @Test
  void aMessageInFlightIsNotDropped() throws Exception {
    Outbox o = Outbox.open(dir, 10);
    for (int i = 0; i < 10; i++) {
      o.add("t", ("e" + i).getBytes(UTF_8), false, null, null);
    }
    o.take(3);
    o.add("t", "new".getBytes(UTF_8), false, null, null);
    o.returnInFlight();
    assertEquals(List.of("e0", "e1", "e2", "e4"), payloads(o.take(4)));
  }

  @Test
  void halfWrittenFilesFromACrashAreCleanedUp() throws Exception {
    Outbox o = Outbox.open(dir, 10);
    o.add("t", "ok".getBytes(UTF_8), false, null, "cmd-1");
    Files.writeString(dir.resolve("0000000000000002.msg.tmp"), "{\"topic\":");
    Files.writeString(dir.resolve("0000000000000003.msg"), "no header");
    Outbox again = Outbox.open(dir, 10);
    assertEquals(List.of("ok"), payloads(again.take(10)));
    assertEquals(java.util.Set.of("cmd-1"), again.commandIds());
    assertFalse(Files.exists(dir.resolve("0000000000000002.msg.tmp")));
  }

  @Test
  void binaryPayloadsComeBackByteForByte() throws Exception {
    Outbox o = Outbox.open(dir, 10);
    byte[] jpeg = new byte[70_000];
    new java.util.Random(1).nextBytes(jpeg);
    jpeg[0] = '\n';
    o.add("t/snapshot/cam1", jpeg, true, "snapshot:cam1", null);
    assertArrayEquals(jpeg, Outbox.open(dir, 10).take(1).get(0).getValue());
  }
}
