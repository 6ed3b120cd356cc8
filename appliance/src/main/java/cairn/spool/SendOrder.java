package cairn.spool;

import cairn.segment.SegmentInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * What goes to the server next, and what waits: the one place that knows the order. Live first: per camera the
 * first segment after the last one put in flight live, if it is fresh ({@code liveMaxAgeNanos}, this boot) and
 * decodes after it (it follows it, or starts with a key frame; if neither, the camera is asked for a key frame and
 * the segment waits with the backlog). Then clips an operator asked for, oldest first; then the backlog, oldest (or
 * newest) first. A segment handed out is in flight until {@link #done}: it is not handed out again meanwhile.
 *
 * <p>Reads only the tail of each camera's index (the fresh segments) and its first entries, never the whole spool:
 * after a long outage tens of thousands of segments wait, and the uplink and the rate loop ask several times a
 * second.
 *
 * <p>Threading: any thread; synchronized. It reads the index under the index's lock (this lock first).
 */
public final class SendOrder {
  /** A segment to send, and whether it goes live. */
  public record Pick(SegmentInfo segment, boolean live) {}

  /** Bytes waiting: fresh enough to go live, and the rest. Segments in flight still wait. */
  public record Waiting(long liveBytes, long backlogBytes) {}

  private record ClipRange(String camera, long fromWallMillis, long toWallMillis) {
    boolean covers(SegmentInfo s) {
      return s.camera().equals(camera) && s.endWallMillis() > fromWallMillis && s.startWallMillis() < toWallMillis;
    }
  }

  private static final Comparator<SegmentInfo> AGE = Comparator.comparingLong(SegmentInfo::startWallMillis)
      .thenComparingLong(SegmentInfo::sequence);

  private final SegmentIndex index;
  private final String bootId;
  private final long liveMaxAgeNanos;
  private final boolean newestFirst;
  private final ToLongFunction<String> lastLiveAtStart;
  private final Consumer<String> keyFrameWanted;
  /** Per camera, the sequence of the last segment put in flight live in this boot; -1 for none. */
  private final Map<String, Long> lastLive = new HashMap<>();
  private final Map<String, SegmentInfo> inFlight = new HashMap<>();
  private final List<ClipRange> clips = new CopyOnWriteArrayList<>();

  /**
   * @param lastLiveAtStart per camera, the sequence last sent live in this boot before this order existed (the live
   *     playlist's state), -1 for none
   * @param keyFrameWanted told the camera whose fresh segment cannot go live for want of a key frame (may be called
   *     often: the receiver spaces its requests)
   */
  public SendOrder(SegmentIndex index, String bootId, long liveMaxAgeNanos, boolean newestFirst,
      ToLongFunction<String> lastLiveAtStart, Consumer<String> keyFrameWanted) {
    this.index = index;
    this.bootId = bootId;
    this.liveMaxAgeNanos = liveMaxAgeNanos;
    this.newestFirst = newestFirst;
    this.lastLiveAtStart = lastLiveAtStart;
    this.keyFrameWanted = keyFrameWanted;
  }

  private static String key(SegmentInfo s) {
    return s.camera() + "/" + s.sequence();
  }

  /** The most urgent segment not in flight, now in flight; empty if none (or only backlog and it is held back). */
  public synchronized Optional<Pick> next(long nowNanos, boolean backlogAllowed) {
    Optional<Pick> pick = index.read(cams -> choose(cams, nowNanos, backlogAllowed));
    pick.ifPresent(p -> {
      inFlight.put(key(p.segment()), p.segment());
      if (p.live()) {
        lastLive.put(p.segment().camera(), p.segment().sequence());
      }
    });
    return pick;
  }

  /** Only live: what {@link #next} would hand out live, or empty. */
  public synchronized Optional<Pick> nextLive(long nowNanos) {
    Optional<Pick> pick = index.read(cams -> live(cams, nowNanos));
    pick.ifPresent(p -> {
      inFlight.put(key(p.segment()), p.segment());
      lastLive.put(p.segment().camera(), p.segment().sequence());
    });
    return pick;
  }

  /** The request for {@code s} ended, whatever its outcome; if it is still waiting it may be handed out again. */
  public synchronized void done(SegmentInfo s) {
    inFlight.remove(key(s));
  }

  public synchronized int inFlight() {
    return inFlight.size();
  }

  /** Forgets every segment in flight (their requests were abandoned) and returns them; they may go again. */
  public synchronized List<SegmentInfo> abandonAll() {
    List<SegmentInfo> out = List.copyOf(inFlight.values());
    inFlight.clear();
    return out;
  }

  /**
   * Sends the camera's waiting segments that overlap {@code [from, to)} right after live ones, ahead of the rest of
   * the backlog (an operator pulling a clip). Reads the camera's whole index once.
   *
   * @return how many segments of that range wait; 0 when none (then nothing is remembered)
   */
  public int sendFirst(String camera, long fromWallMillis, long toWallMillis) {
    ClipRange range = new ClipRange(camera, fromWallMillis, toWallMillis);
    int waiting = index.read(cams -> {
      NavigableMap<Long, SegmentInfo> m = cams.get(camera);
      return m == null ? 0 : (int) m.values().stream().filter(range::covers).count();
    });
    if (waiting > 0) {
      clips.add(range);
    }
    return waiting;
  }

  /** What waits now, live and backlog, from the fresh tail of each camera and the spool's byte count. */
  public Waiting waiting(long nowNanos) {
    long live = index.read(cams -> {
      long bytes = 0;
      for (NavigableMap<Long, SegmentInfo> m : cams.values()) {
        for (SegmentInfo s : m.descendingMap().values()) {
          if (!fresh(s, nowNanos)) {
            break;
          }
          bytes += s.bytes();
        }
      }
      return bytes;
    });
    return new Waiting(live, Math.max(0, index.pendingBytes() - live));
  }

  private boolean fresh(SegmentInfo s, long nowNanos) {
    return s.bootId().equals(bootId) && nowNanos - s.endMonoNanos() <= liveMaxAgeNanos;
  }

  private Optional<Pick> choose(Map<String, NavigableMap<Long, SegmentInfo>> cams, long now, boolean backlogAllowed) {
    Optional<Pick> live = live(cams, now);
    if (live.isPresent()) {
      return live;
    }
    for (ClipRange clip : clips) {
      NavigableMap<Long, SegmentInfo> m = cams.get(clip.camera());
      Optional<SegmentInfo> next = m == null ? Optional.empty()
          : m.values().stream().filter(s -> clip.covers(s) && !inFlight.containsKey(key(s))).min(AGE);
      if (next.isPresent()) {
        return Optional.of(new Pick(next.get(), false));
      }
      boolean anyLeft = m != null && m.values().stream().anyMatch(clip::covers);
      if (!anyLeft) {
        clips.remove(clip);
      }
    }
    if (!backlogAllowed) {
      return Optional.empty();
    }
    SegmentInfo best = null;
    for (NavigableMap<Long, SegmentInfo> m : cams.values()) {
      for (SegmentInfo s : (newestFirst ? m.descendingMap() : m).values()) {
        if (!inFlight.containsKey(key(s))) {
          if (best == null || (newestFirst ? AGE.compare(s, best) > 0 : AGE.compare(s, best) < 0)) {
            best = s;
          }
          break;
        }
      }
    }
    return Optional.ofNullable(best).map(s -> new Pick(s, false));
  }

  /** Per camera the first fresh segment after the last live one that decodes after it; the oldest of those. */
  private Optional<Pick> live(Map<String, NavigableMap<Long, SegmentInfo>> cams, long now) {
    SegmentInfo best = null;
    for (Map.Entry<String, NavigableMap<Long, SegmentInfo>> e : cams.entrySet()) {
      String camera = e.getKey();
      long last = lastLive.computeIfAbsent(camera, lastLiveAtStart::applyAsLong);
      List<SegmentInfo> fresh = new ArrayList<>();
      for (SegmentInfo s : e.getValue().descendingMap().values()) {
        if (!fresh(s, now) || s.sequence() <= last) {
          break;
        }
        fresh.add(0, s);
      }
      for (SegmentInfo s : fresh) {
        if (inFlight.containsKey(key(s))) {
          continue;
        }
        if (last >= 0 && s.sequence() == last + 1 || s.startsWithKey()) {
          if (best == null || s.endMonoNanos() < best.endMonoNanos()) {
            best = s;
          }
          break;
        }
        keyFrameWanted.accept(camera);
      }
    }
    return Optional.ofNullable(best).map(s -> new Pick(s, true));
  }
}
