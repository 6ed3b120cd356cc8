package cairn.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.ota.device.DeviceLayout;
import cairn.ota.device.Releases;
import cairn.time.FakeTicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release on trial commits only after the box was healthy on its own for the whole of ota.healthy_for. */
class TrialWatchTest {
  @TempDir Path dir;
  private Releases releases;
  private final FakeTicker ticker = new FakeTicker();
  private final EventBus bus = new EventBus();
  private final List<Event> events = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();

  /** What cairn-run leaves when it starts 1.1.0 on trial: current links to it, trial/ names it and the one before. */
  @BeforeEach
  void aBoxThatJustSwitchedTo110() throws Exception {
    DeviceLayout layout = new DeviceLayout(dir.resolve("data"), dir.resolve("factory"));
    Path release = layout.release("1.1.0");
    Files.createDirectories(release.resolve("javacpp"));
    Files.writeString(release.resolve(DeviceLayout.MANIFEST), "version=1.1.0\n");
    Files.writeString(release.resolve("cairn-appliance.jar"), "jar");
    Files.createSymbolicLink(layout.current(), layout.current().getParent().relativize(release));
    Files.createDirectories(layout.trial());
    Files.writeString(layout.trial().resolve("release"), "1.1.0\n");
    Files.writeString(layout.trial().resolve("previous"), "factory\n");
    releases = new Releases(layout);
    bus.subscribe(events::add);
  }

  private TrialWatch watch(AtomicBoolean healthy) throws Exception {
    TrialWatch w = new TrialWatch(releases, healthyWhen(healthy), bus, ticker, 60, outcomes::add);
    w.begin();
    return w;
  }

  /** A health whose one camera advances its frames and stores a segment on every look while {@code healthy}. */
  private LocalHealth healthyWhen(AtomicBoolean healthy) {
    AtomicLong frames = new AtomicLong();
    return new LocalHealth(() -> List.of(new LocalHealth.CameraSample("cam1", true,
        healthy.get() ? frames.addAndGet(25) : frames.get(), ticker.nanos())), () -> true, 2);
  }

  private void look(TrialWatch w, int times) throws Exception {
    for (int i = 0; i < times; i++) {
      ticker.advance(Duration.ofSeconds(5));
      w.check();
    }
  }

  @Test
  void itCommitsAfterHealthyForAndSaysSo() throws Exception {
    TrialWatch w = watch(new AtomicBoolean(true));
    assertEquals("1.1.0", w.onTrial());
    look(w, 13); // looks every 5 s; the first only sees the frame count, so healthy from 10 s: 55 s at 65 s
    assertEquals("1.1.0", w.onTrial(), "not yet: 60 s are asked for");
    assertTrue(Files.exists(releases.layout().trial()));
    look(w, 1);
    assertEquals("", w.onTrial());
    assertFalse(Files.exists(releases.layout().trial()), "committed: cairn-run no longer counts tries");
    assertEquals(List.of("committed 1.1.0"), outcomes);
    assertEquals("ota_committed", events.get(events.size() - 1).type());
    look(w, 3);
    assertEquals(1, outcomes.size(), "once");
  }

  @Test
  void aBreakInHealthStartsTheClockAgainAndAnUnhealthyReleaseNeverCommits() throws Exception {
    AtomicBoolean healthy = new AtomicBoolean(true);
    TrialWatch w = watch(healthy);
    look(w, 10);
    healthy.set(false); // frames stop for one look: a camera hung
    look(w, 1);
    healthy.set(true);
    look(w, 12); // healthy again from 60 s: 55 s at 115 s
    assertEquals("1.1.0", w.onTrial(), "60 s after the break are not over yet");
    look(w, 1);
    assertEquals("", w.onTrial());
    AtomicBoolean never = new AtomicBoolean(false);
    aBoxThatJustSwitchedTo110Again();
    TrialWatch sick = watch(never);
    look(sick, 100);
    assertEquals("1.1.0", sick.onTrial(), "recording nothing: left to cairn-run's deadline, which rolls it back");
  }

  private void aBoxThatJustSwitchedTo110Again() throws Exception {
    Files.createDirectories(releases.layout().trial());
    Files.writeString(releases.layout().trial().resolve("release"), "1.1.0\n");
    outcomes.clear();
  }

  @Test
  void aRollbackCairnRunMadeIsReportedOnceAtStart() throws Exception {
    Files.createDirectories(releases.layout().ota());
    Files.writeString(releases.layout().rolledBack(), "version=1.2.0 reason=missed_deadline\n");
    watch(new AtomicBoolean(true));
    Event e = events.get(0);
    assertEquals("ota_rolled_back", e.type());
    assertEquals("1.2.0", e.fields().get("version"));
    assertEquals("missed_deadline", e.fields().get("reason"));
    assertEquals(List.of("rolled_back 1.2.0 missed_deadline"), outcomes);
    assertFalse(Files.exists(releases.layout().rolledBack()), "told once, not at every start");
  }

  @Test
  void aReleaseThatFailedItsTrialIsEmptiedButKeepsItsBadMark() throws Exception {
    Path bad = releases.layout().release("1.0.9");
    Files.createDirectories(bad.resolve("javacpp/linux-arm64"));
    Files.writeString(bad.resolve("javacpp/linux-arm64/libavcodec.so"), "x".repeat(1000));
    Files.writeString(bad.resolve("cairn-appliance.jar"), "jar");
    Files.writeString(bad.resolve(DeviceLayout.BAD_MARK), "missed_deadline\n");
    watch(new AtomicBoolean(true));
    try (var left = Files.list(bad)) {
      assertEquals(List.of(bad.resolve(DeviceLayout.BAD_MARK)), left.toList());
    }
    assertEquals("missed_deadline\n", Files.readString(bad.resolve(DeviceLayout.BAD_MARK)));
    assertTrue(Releases.usable(releases.layout().release("1.1.0")), "the release running is left alone");
  }
}
