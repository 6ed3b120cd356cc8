package cairn.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A clock that moves only when {@link #advance} is called; due tasks run on the caller's thread,
 * in time order, each seeing the clock at its own due time. Thread-safe: stages may read it and
 * schedule on it from their own threads while a test advances it.
 */
public final class FakeClock implements Clock {
  private record Task(long dueNanos, long order, Runnable body) {}

  private final Instant wallAtZero;
  private final List<Task> tasks = new ArrayList<>();
  private long now;
  private long order;

  public FakeClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public FakeClock(Instant wallAtZero) {
    this.wallAtZero = wallAtZero;
  }

  @Override
  public synchronized long nanos() {
    return now;
  }

  @Override
  public synchronized Instant now() {
    return wallAtZero.plusNanos(now);
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now + Math.max(0, delay.toNanos()), order++, task);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        tasks.remove(t);
      }
    };
  }

  /** Moves time forward by {@code d}, running every task that falls due on the way. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> t.dueNanos() <= target)
            .min(Comparator.comparingLong(Task::dueNanos).thenComparingLong(Task::order)).orElse(null);
        if (next == null) {
          now = target;
          return;
        }
        tasks.remove(next);
        now = Math.max(now, next.dueNanos());
      }
      SystemClock.runLogged(next.body());
    }
  }

  /** Tasks waiting to fall due. */
  public synchronized int pending() {
    return tasks.size();
  }
}
