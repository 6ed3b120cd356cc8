package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import cairn.bus.Event;
import cairn.time.FakeTicker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGateTest {
  private final FakeTicker ticker = new FakeTicker();
  private final List<Event> sent = new ArrayList<>();
  private final EventGate gate = new EventGate(ticker, Duration.ofSeconds(30).toNanos(),
      Duration.ofSeconds(60).toNanos(), sent::add);

  private static Event motion(boolean start, String camera) {
    return Event.of(start ? "motion_start" : "motion_end", Instant.EPOCH, "camera", camera);
  }

  private List<String> types() {
    return sent.stream().map(e -> e.type() + " " + e.fields().get("camera")).toList();
  }

  private void after(int seconds) {
    for (int i = 0; i < seconds; i++) {
      ticker.advance(Duration.ofSeconds(1));
      gate.tick();
    }
  }

  @Test
  void aBusySceneSendsOneStartAndOneEndOnceItIsStill() {
    for (int i = 0; i < 20; i++) {
      gate.accept(motion(true, "cam1"));
      after(5);
      gate.accept(motion(false, "cam1"));
      after(10);
    }
    assertEquals(List.of("motion_start cam1"), types());
    after(20);
    assertEquals(List.of("motion_start cam1", "motion_end cam1"), types());
  }

  @Test
  void camerasAreKeptApartAndOtherEventsPassAtOnce() {
    gate.accept(motion(true, "cam1"));
    gate.accept(motion(true, "cam2"));
    gate.accept(Event.of("camera_lost", Instant.EPOCH, "camera", "cam2"));
    gate.accept(motion(false, "cam2"));
    after(30);
    assertEquals(List.of("motion_start cam1", "motion_start cam2", "camera_lost cam2", "motion_end cam2"), types());
  }

  @Test
  void evictionsAreSummedIntoOneEventAMinute() {
    for (int i = 0; i < 10; i++) {
      gate.accept(Event.of("spool_evicted", Instant.EPOCH, "camera", "cam1", "from_seq", 10L * i,
          "to_seq", 10L * i + 9, "segments", 10, "bytes", 1000L, "from", "t" + i, "to", "u" + i));
      after(10);
    }
    assertEquals(2, sent.size(), types().toString());
    Event merged = sent.get(1);
    assertEquals(10L, merged.fields().get("from_seq"));
    assertEquals(59L, merged.fields().get("to_seq"));
    assertEquals(50L, merged.fields().get("segments"));
    assertEquals(5L, merged.fields().get("merged"));
    assertEquals("t1", merged.fields().get("from"));
    after(60);
    assertEquals(3, sent.size());
    assertEquals(4L, sent.get(2).fields().get("merged"));
  }

  @Test
  void aCleanStopSendsWhatWasHeldBack() {
    gate.accept(motion(true, "cam1"));
    gate.accept(motion(false, "cam1"));
    gate.flush();
    assertEquals(List.of("motion_start cam1", "motion_end cam1"), types());
  }
}
