package cairn.mqtt;

import cairn.bus.Event;
import cairn.time.Ticker;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps chatty events from eating the metered link, without losing what they say:
 *
 * <ul>
 *   <li>{@code motion_end} goes out only once the camera has been still for {@code motionHold}; motion
 *       that starts again meanwhile sends nothing (the operator's view stays "motion"). A busy scene
 *       thus costs at most two events per {@code motionHold}, not two per gust of wind.
 *   <li>{@code spool_evicted} goes out at most once per {@code evictionWindow} per camera; the
 *       evictions in between are summed into one event ({@code segments}, {@code bytes},
 *       {@code from_seq}…{@code to_seq}, {@code from}…{@code to}, and {@code merged}: how many).
 *   <li>{@code rate_change} is not sent: health carries each camera's target, and every decision
 *       with its reason is in {@code DATA/rate.jsonl} on the box.
 *   <li>Every other event passes at once.
 * </ul>
 *
 * <p>Threading: one thread (the MQTT link's) calls everything; {@link #tick} about once a second.
 * Time comes from the injected {@link Ticker}.
 */
final class EventGate {
  private final Ticker ticker;
  private final long motionHoldNanos;
  private final long evictionWindowNanos;
  private final Consumer<Event> out;
  private final Set<String> inMotion = new HashSet<>();
  private final Map<String, Event> pendingEnd = new HashMap<>();
  private final Map<String, Long> pendingEndDue = new HashMap<>();
  private final Map<String, Long> lastEviction = new HashMap<>();
  private final Map<String, Event> pendingEviction = new HashMap<>();

  EventGate(Ticker ticker, long motionHoldNanos, long evictionWindowNanos, Consumer<Event> out) {
    this.ticker = ticker;
    this.motionHoldNanos = motionHoldNanos;
    this.evictionWindowNanos = evictionWindowNanos;
    this.out = out;
  }

  void accept(Event e) {
    String camera = String.valueOf(e.fields().get("camera"));
    switch (e.type()) {
      case "motion_start" -> {
        if (pendingEnd.remove(camera) != null) {
          pendingEndDue.remove(camera);
        } else if (inMotion.add(camera)) {
          out.accept(e);
        }
      }
      case "motion_end" -> {
        if (inMotion.contains(camera) && motionHoldNanos > 0) {
          pendingEnd.put(camera, e);
          pendingEndDue.put(camera, ticker.nanos() + motionHoldNanos);
        } else if (inMotion.remove(camera)) {
          out.accept(e);
        }
      }
      case "spool_evicted" -> evicted(camera, e);
      // Up to several a minute: health carries each camera's target, DATA/rate.jsonl every decision.
      case "rate_change" -> { }
      default -> out.accept(e);
    }
  }

  /** Sends what has become due. */
  void tick() {
    long now = ticker.nanos();
    for (String camera : Set.copyOf(pendingEnd.keySet())) {
      if (now - pendingEndDue.get(camera) >= 0) {
        inMotion.remove(camera);
        pendingEndDue.remove(camera);
        out.accept(pendingEnd.remove(camera));
      }
    }
    for (String camera : Set.copyOf(pendingEviction.keySet())) {
      if (now - lastEviction.get(camera) >= evictionWindowNanos) {
        lastEviction.put(camera, now);
        out.accept(pendingEviction.remove(camera));
      }
    }
  }

  /** Sends everything held back, now: at a clean stop. */
  void flush() {
    pendingEnd.values().forEach(out);
    pendingEnd.clear();
    pendingEndDue.clear();
    pendingEviction.values().forEach(out);
    pendingEviction.clear();
  }

  private void evicted(String camera, Event e) {
    long now = ticker.nanos();
    Long last = lastEviction.get(camera);
    if (last == null || (now - last >= evictionWindowNanos && !pendingEviction.containsKey(camera))) {
      lastEviction.put(camera, now);
      out.accept(e);
      return;
    }
    Event held = pendingEviction.get(camera);
    pendingEviction.put(camera, held == null ? e : merge(held, e));
  }

  private static Event merge(Event a, Event b) {
    Map<String, Object> f = new LinkedHashMap<>(b.fields());
    f.put("from_seq", Math.min(number(a, "from_seq"), number(b, "from_seq")));
    f.put("to_seq", Math.max(number(a, "to_seq"), number(b, "to_seq")));
    f.put("segments", number(a, "segments") + number(b, "segments"));
    f.put("bytes", number(a, "bytes") + number(b, "bytes"));
    f.put("from", String.valueOf(a.fields().get("from")));
    f.put("merged", (a.fields().containsKey("merged") ? number(a, "merged") : 1) + 1);
    return new Event(b.type(), a.at(), f);
  }

  private static long number(Event e, String field) {
    Object v = e.fields().get(field);
    return v instanceof Number n ? n.longValue() : 0;
  }
}
