package cairn.lab.link;

import cairn.time.Ticker;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bytes of one connection that crossed one direction of the link, each held until its due time (crossing plus
 * the one-way delay). The link thread adds; the connection's writer thread {@link #take}s. Thread-safe.
 */
final class DelayLine implements FarEnd {

    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    /** Bytes to write, or (no bytes) the sender's close. */
    record Piece(byte[] data, long dueNanos) {
        boolean isEnd() {
            return data.length == 0;
        }
    }

    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Piece> pieces = new ArrayDeque<>();
    private boolean closed;

    DelayLine(Ticker ticker) {
        this.ticker = ticker;
    }

    @Override
    public void carry(byte[] data, long dueNanos) {
        add(new Piece(data, dueNanos));
    }

    @Override
    public void end(long dueNanos) {
        add(new Piece(new byte[0], dueNanos));
    }

    private void add(Piece piece) {
        lock.lock();
        try {
            if (!closed) {
                pieces.add(piece);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next piece to fall due and returns it; null once closed. Waits at most {@code timeoutNanos} and
     * then returns null too, so the caller's loop stays bounded; check {@link #isClosed()}.
     */
    Piece take(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long deadline = ticker.nanos() + timeoutNanos;
            while (!closed) {
                long now = ticker.nanos();
                Piece head = pieces.peek();
                if (head != null && head.dueNanos() <= now) {
                    return pieces.poll();
                }
                long wait = Math.min(deadline - now, head == null ? MAX_WAIT_NANOS : head.dueNanos() - now);
                if (wait <= 0) {
                    return null;
                }
                changed.awaitNanos(Math.min(wait, MAX_WAIT_NANOS));
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Discards what is still held and returns how many bytes that was. */
    long close() {
        lock.lock();
        try {
            closed = true;
            long bytes = pieces.stream().mapToLong(p -> p.data().length).sum();
            pieces.clear();
            changed.signalAll();
            return bytes;
        } finally {
            lock.unlock();
        }
    }
}
