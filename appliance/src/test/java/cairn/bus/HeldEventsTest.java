package cairn.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldEventsTest {
  @Test
  void eventsBeforeTheListenerAttachesReachItFirstAndInOrder() {
    EventBus bus = new EventBus();
    HeldEvents held = new HeldEvents();
    bus.subscribe(held);
    bus.publish(Event.of("camera_lost", Instant.EPOCH, "camera", "cam1"));
    bus.publish(Event.of("spool_evicted", Instant.EPOCH));
    List<String> got = new ArrayList<>();
    held.attach(e -> got.add(e.type()));
    bus.publish(Event.of("camera_back", Instant.EPOCH, "camera", "cam1"));
    assertEquals(List.of("camera_lost", "spool_evicted", "camera_back"), got);
  }

  @Test
  void holdsAtMostItsCapacity() {
    HeldEvents held = new HeldEvents();
    for (int i = 0; i < HeldEvents.CAPACITY + 10; i++) {
      held.accept(Event.of("motion_start", Instant.EPOCH, "n", i));
    }
    List<Event> got = new ArrayList<>();
    held.attach(got::add);
    assertEquals(HeldEvents.CAPACITY, got.size());
    assertEquals(0, got.get(0).fields().get("n"));
  }
}
