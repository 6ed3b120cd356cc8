package cairn.app;

import cairn.base.Backoff;
import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.encode.KeyFrameRequester;
import cairn.segment.ClosedSegment;
import cairn.segment.SegmentSink;
import cairn.spool.Spool;
import cairn.spool.SpoolFull;
import cairn.time.Ticker;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One camera's way into the spool, which keeps recording through storage faults instead of
 * restarting the pipeline (a restart costs a false motion_start and, so far, memory).
 *
 * <pre>
 *   ok ──store fails──▶ faulted: error event (code storage_write_failed), segments dropped,
 *    ▲                  a store tried again after 1 s, 2 s, 4 s … 30 s
 *    └──a store works── storage_recovered event with what was dropped
 * </pre>
 *
 * A segment that does not fit because only the group being recorded is left ({@link SpoolFull}) is
 * dropped without back-off: a key frame is asked for, and the next segment, which starts a new
 * group, evicts the old one. After any drop, segments wait for one that starts with a key frame, so
 * what is stored always decodes. Segments committed before a fault are never touched here.
 *
 * <p>Threading: {@link #accept} on the camera's encoder thread; the getters from any.
 */
final class SegmentKeeper implements SegmentSink {
  private static final Logger LOG = Logger.getLogger(SegmentKeeper.class.getName());
  static final String FAULT_CODE = "storage_write_failed";

  /** Whether {@code e} is a keeper's report that the spool stopped storing. */
  static boolean isStorageFault(Event e) {
    return e.type().equals("error") && FAULT_CODE.equals(e.fields().get("code"));
  }
  private static final long FIRST_RETRY_NANOS = 1_000_000_000L;
  private static final long LAST_RETRY_NANOS = 30_000_000_000L;

  private final String camera;
  private final Spool spool;
  private final KeyFrameRequester keyFrames;
  private final EventBus bus;
  private final Ticker ticker;
  private final Backoff backoff = new Backoff(FIRST_RETRY_NANOS, LAST_RETRY_NANOS);
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong storedNanos = new AtomicLong(-1);
  private volatile String fault = "";
  private long faultSinceNanos;
  private long droppedInFault;
  private long retryAtNanos;
  private boolean needKey;
  private boolean fullOnce;

  SegmentKeeper(String camera, Spool spool, KeyFrameRequester keyFrames, EventBus bus, Ticker ticker) {
    this.camera = camera;
    this.spool = spool;
    this.keyFrames = keyFrames;
    this.bus = bus;
    this.ticker = ticker;
  }

  @Override
  public void accept(ClosedSegment segment) {
    long now = ticker.nanos();
    if (!fault.isEmpty() && now < retryAtNanos || needKey && !segment.draft().startsWithKey()) {
      drop();
      return;
    }
    try {
      spool.store(segment);
      storedNanos.set(now);
      needKey = false;
      fullOnce = false;
      if (!fault.isEmpty()) {
        recovered(now);
      }
      if (spool.groupOutgrowsRoom(camera)) {
        keyFrames.requestKeyFrame();
      }
    } catch (SpoolFull e) {
      drop();
      if (fullOnce || !fault.isEmpty()) {
        failed(now, e); // a fresh group did not fit either: the disk is full of something else
      }
      fullOnce = true;
    } catch (IOException | RuntimeException e) {
      drop();
      failed(now, e);
    }
  }

  private void drop() {
    dropped.incrementAndGet();
    droppedInFault++;
    needKey = true;
    keyFrames.requestKeyFrame();
  }

  private void failed(long now, Exception e) {
    retryAtNanos = now + backoff.nextDelayNanos();
    if (!fault.isEmpty()) {
      return;
    }
    fault = String.valueOf(e.getMessage());
    faultSinceNanos = now;
    droppedInFault = 1;
    LOG.severe("camera " + camera + ": the spool cannot store segments (" + fault + "); recording goes on, "
        + "storing is tried again with back-off");
    bus.publish(Event.of("error", Instant.now(), "code", FAULT_CODE, "camera", camera, "detail", fault));
  }

  private void recovered(long now) {
    long seconds = (now - faultSinceNanos) / 1_000_000_000L;
    LOG.info("camera " + camera + ": the spool stores segments again after " + seconds + " s; " + droppedInFault
        + " segment(s) were not kept");
    bus.publish(Event.of("storage_recovered", Instant.now(), "camera", camera, "after_s", seconds,
        "dropped", droppedInFault));
    fault = "";
    backoff.reset();
  }

  /** Why storing fails, or empty while it works. */
  String fault() {
    return fault;
  }

  /** Segments not kept since start (faults, a full disk). */
  long dropped() {
    return dropped.get();
  }

  /** {@link Ticker#nanos} of the last segment stored, or -1 before the first. */
  long storedNanos() {
    return storedNanos.get();
  }
}
