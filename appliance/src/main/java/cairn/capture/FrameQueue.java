package cairn.capture;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The hand-over between a camera's grab thread and its encoder thread. It never blocks the
 * grabber: when full, the oldest waiting frame is dropped (the newest frame wins) and counted.
 */
public final class FrameQueue {
  private final int capacity;
  private final ArrayDeque<Frame> frames;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private long dropped;

  public FrameQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
    this.frames = new ArrayDeque<>(capacity);
  }

  public void offer(Frame frame) {
    lock.lock();
    try {
      if (frames.size() == capacity) {
        frames.pollFirst();
        dropped++;
      }
      frames.addLast(frame);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** The oldest waiting frame, or {@code null} if none came within the timeout. */
  public Frame poll(long timeout, TimeUnit unit) throws InterruptedException {
    lock.lock();
    try {
      long nanos = unit.toNanos(timeout);
      while (frames.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return frames.pollFirst();
    } finally {
      lock.unlock();
    }
  }

  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }
}
