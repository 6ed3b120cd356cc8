package cairn.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.Ladder;
import cairn.encode.EncodingTarget;
import cairn.link.LinkMonitor;
import cairn.time.Ticker;
import cairn.uplink.UploadSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop on a fake clock: targets handed on, outages told, decisions logged. */
class RateLoopTest {
  private static final long S = 1_000_000_000L;
  private static final Ladder LADDER = Ladder.parse("2000@30, 1000@25, 600@20/540, 300@10/360");

  @TempDir
  Path dir;

  private final List<EncodingTarget> targets = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final AtomicReference<RateLoop.Queue> queue = new AtomicReference<>(new RateLoop.Queue(0, 0));
  private final LinkMonitor monitor = new LinkMonitor();

  private RateLoop loop(int fixedKbps) {
    EventBus bus = new EventBus();
    bus.subscribe(events::add);
    Ticker never = () -> { throw new AssertionError("the test drives the clock"); };
    return new RateLoop(List.of(new RateController.Camera("cam1", LADDER, 1)), fixedKbps, 0.25, monitor,
        Optional.empty(), now -> queue.get(), Map.of("cam1", targets::add), bus,
        new RateLog(dir.resolve("rate.jsonl")), never);
  }

  /** One request every quarter second, short enough not to overlap the next (overlapping ones share the link). */
  private void deliver(long at, double kbps) {
    monitor.record(new UploadSample("cam1", 25_000, (long) (25_000 * 8e6 / kbps), true, 201), at);
  }

  @Test
  void startsEveryCameraAndFollowsTheLink() throws Exception {
    RateLoop l = loop(0);
    l.begin();
    assertEquals(new EncodingTarget(600, 20, 0, 540), targets.get(0));
    long t = 0;
    for (int i = 0; i < 8; i++) {
      deliver(t += S / 4, 1100);
      l.tick(t);
    }
    // The rung of 1000 kbit/s, its cap lifted to what the link delivers (below the next rung's 1300).
    assertEquals(new EncodingTarget(1100, 25, 0, 0), targets.get(targets.size() - 1));
    List<String> all = Files.readAllLines(dir.resolve("rate.jsonl"));
    List<String> lines = all.stream().filter(x -> x.contains("\"type\":\"rate\"")).toList();
    assertEquals(2, lines.size(), all.toString());
    assertTrue(lines.get(0).contains("\"reason\":\"start: link not measured yet\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"kbps\":1000") && lines.get(1).contains("\"top_kbps\":2000"), lines.get(1));
    List<String> caps = all.stream().filter(x -> x.contains("\"type\":\"cap\"")).toList();
    assertEquals(targets.size(), caps.size(), "one cap line for every target handed to the encoder: " + all);
    assertTrue(caps.get(caps.size() - 1).contains("\"kbps\":1100,\"rung_kbps\":1000"), caps.toString());
    assertEquals("rate_change", events.get(0).type());
    assertEquals(1100L, l.status().get("estimate_kbps"));
  }

  @Test
  void aDataBudgetLowerThanTheLinkBringsTheRungsDown() {
    RateLoop l = loop(0);
    double[] budget = {Double.POSITIVE_INFINITY};
    l.capBy(() -> budget[0]);
    l.begin();
    long t = 0;
    for (int i = 0; i < 8; i++) {
      deliver(t += S / 4, 1100);
      l.tick(t);
    }
    assertEquals(new EncodingTarget(1100, 25, 0, 0), targets.get(targets.size() - 1));
    budget[0] = 350; // the plan allows less than the link carries
    for (int i = 0; i < 200; i++) {
      deliver(t += S / 4, 1100);
      l.tick(t);
    }
    EncodingTarget last = targets.get(targets.size() - 1);
    assertEquals(360, last.height(), "the rung within the budget: " + last);
    assertTrue(last.maxKbps() <= 350, last.toString());
  }

  @Test
  void queuedVideoLowersTheBitrateWithinTheRungAndAnOutageIsToldOnce() {
    RateLoop l = loop(0);
    l.begin();
    long t = 0;
    for (int i = 0; i < 8; i++) {
      deliver(t += S / 4, 1100);
      l.tick(t);
    }
    int before = targets.size();
    queue.set(new RateLoop.Queue(1100 * 1000 / 8, 0)); // one second of video waits
    l.tick(t += S / 4);
    EncodingTarget trimmed = targets.get(targets.size() - 1);
    assertTrue(targets.size() == before + 1 && trimmed.maxKbps() < 1000 && trimmed.maxKbps() > 500, "" + trimmed);
    for (int i = 0; i < 24; i++) {
      l.tick(t += S / 4); // six seconds with video waiting and nothing delivered
    }
    assertEquals(List.of("rate_change", "outage_start"), events.stream().map(Event::type).toList());
    deliver(t += S / 4, 900);
    l.tick(t);
    assertEquals("outage_end", events.get(events.size() - 1).type());
    assertEquals(Boolean.FALSE, l.status().get("outage"));
  }

  @Test
  void aFixedRateIsHandedOutOnceAndNeverChanged() throws Exception {
    RateLoop l = loop(800);
    l.begin();
    long t = 0;
    for (int i = 0; i < 40; i++) {
      deliver(t += S / 4, 200);
      queue.set(new RateLoop.Queue(200_000, 0));
      l.tick(t);
    }
    assertEquals(List.of(new EncodingTarget(800, 0, 0, 0)), targets);
    List<String> lines = Files.readAllLines(dir.resolve("rate.jsonl"));
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("\"reason\":\"fixed\"") && lines.get(0).contains("\"top_kbps\":800"));
    assertTrue(lines.get(1).contains("\"type\":\"cap\"") && lines.get(1).contains("\"kbps\":800"), lines.get(1));
  }
}
