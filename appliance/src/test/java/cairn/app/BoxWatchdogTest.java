package cairn.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.hardware.watchdog.Watchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BoxWatchdogTest {
  private final List<String> sent = new ArrayList<>();
  private final Watchdog recorder = new Watchdog() {
    @Override
    public void ready() {
      sent.add("READY=1");
    }

    @Override
    public void alive() {
      sent.add("WATCHDOG=1");
    }

    @Override
    public void stopping() {
      sent.add("STOPPING=1");
    }

    @Override
    public void status(String text) {
      sent.add("STATUS=" + text);
    }
  };
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final AtomicReference<String> summary = new AtomicReference<>("4 of 4 stages running");

  @Test
  void kicksOnlyWhileEveryCriticalStageChecksInAndSaysTheStatusWhenItChanges() {
    BoxWatchdog w = new BoxWatchdog(recorder, Optional.of(Duration.ofSeconds(1)), healthy::get, summary::get);
    w.beat();
    w.beat();
    healthy.set(false);
    summary.set("3 of 4 stages running; stuck: encode-cam1");
    w.beat();
    w.beat();
    healthy.set(true);
    summary.set("4 of 4 stages running");
    w.beat();
    assertEquals(List.of("STATUS=4 of 4 stages running", "WATCHDOG=1", "WATCHDOG=1",
        "STATUS=3 of 4 stages running; stuck: encode-cam1", "STATUS=4 of 4 stages running", "WATCHDOG=1"), sent);
  }

  @Test
  void withoutSystemdsWatchdogOnlyTheStatusIsSent() {
    BoxWatchdog w = new BoxWatchdog(recorder, Optional.empty(), healthy::get, summary::get);
    w.beat();
    healthy.set(false);
    w.beat();
    assertEquals(List.of("STATUS=4 of 4 stages running"), sent);
  }
}
