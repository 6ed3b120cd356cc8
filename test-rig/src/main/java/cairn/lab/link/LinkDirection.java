package cairn.lab.link;

import cairn.time.Ticker;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of the link, shared by every connection: a drop-tail queue of {@code queueBytes}, emptied at the
 * delivery opportunities of the {@link LinkSchedule} ({@value MahimahiTrace#PACKET_BYTES} bytes each, unused ones are
 * lost), then a delay of {@code delayNanos} before the bytes reach the far socket.
 *
 * <pre>
 *  sender socket ──reader──▶ [ queue ≤ queueBytes ] ──opportunity──▶ delay ──▶ far socket
 *                  (stops reading while full)          (trace, outages)   (RTT/2)
 * </pre>
 *
 * <p>A full queue is not a lost packet: the proxy stops reading from the sender's socket, the sender's TCP send
 * buffer fills, and its writes block, as a modem's buffer behaves for one TCP stream. Bytes may only use an
 * opportunity at or after the moment they were queued, so a link thread that runs late still gives the same
 * answer. Bytes that crossed stay "in flight" until the far end reports them written; past {@code inFlightLimit}
 * the link waits (backpressure from a far end that does not read).
 *
 * <p>Thread-safe: readers call {@link #awaitRoom} and {@link #offer}; one link thread calls {@link #serve} (or
 * {@link #runLink}); far ends call {@link #written}. Time comes from the injected {@link Ticker}, so tests drive it
 * with a fake clock and call {@link #serve} themselves.
 */
final class LinkDirection {

    static final long NOTHING_DUE = Long.MAX_VALUE;
    private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final String name;
    private final LinkSchedule schedule;
    private final long queueBytes;
    private final long delayNanos;
    private final long inFlightLimit;
    private final Ticker ticker;
    private final long startNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition room = lock.newCondition();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    private long queued;
    private long inFlight;
    private long nextOpportunity;
    private final SecondSeries carried = SecondSeries.sums();
    private final SecondSeries delivered = SecondSeries.sums();
    private final SecondSeries queueLevel = SecondSeries.maxima();
    private long totalAccepted;
    private long totalCarried;
    private long totalDelivered;
    private boolean closed;

    /** Bytes of one read from a sender, or (no bytes) the sender's close. */
    private static final class Chunk {
        final FarEnd to;
        final byte[] data;
        int offset;
        final long queuedNanos;

        Chunk(FarEnd to, byte[] data, long queuedNanos) {
            this.to = to;
            this.data = data;
            this.queuedNanos = queuedNanos;
        }

        boolean isEnd() {
            return data.length == 0;
        }

        int remaining() {
            return data.length - offset;
        }
    }

    LinkDirection(String name, LinkSchedule schedule, long queueBytes, long delayNanos, long inFlightLimit,
            Ticker ticker, long startNanos) {
        if (queueBytes < MahimahiTrace.PACKET_BYTES) {
            throw new IllegalArgumentException("The " + name + " queue must hold at least one packet ("
                    + MahimahiTrace.PACKET_BYTES + " bytes), got " + queueBytes + ".");
        }
        this.name = name;
        this.schedule = schedule;
        this.queueBytes = queueBytes;
        this.delayNanos = delayNanos;
        this.inFlightLimit = inFlightLimit;
        this.ticker = ticker;
        this.startNanos = startNanos;
    }

    String name() {
        return name;
    }

    LinkSchedule schedule() {
        return schedule;
    }

    /** Free bytes in the queue now. */
    long room() {
        lock.lock();
        try {
            return queueBytes - queued;
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until the queue has room, or {@code timeoutNanos} passed, or the direction closed; true when there is room. */
    boolean awaitRoom(long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!closed && queued >= queueBytes && left > 0) {
                left = room.awaitNanos(left);
            }
            return !closed && queued < queueBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Queues as many of {@code data[offset, offset+length)} as there is room for, for {@code to}; returns how many
     * (0 when the queue is full or the direction closed).
     */
    int offer(FarEnd to, byte[] data, int offset, int length) {
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            int take = (int) Math.min(length, queueBytes - queued);
            if (take <= 0) {
                return 0;
            }
            long now = ticker.nanos();
            queue.add(new Chunk(to, Arrays.copyOfRange(data, offset, offset + take), now));
            queued += take;
            totalAccepted += take;
            queueLevel.level(second(now), queued);
            work.signalAll();
            return take;
        } finally {
            lock.unlock();
        }
    }

    /** The sender of {@code to} closed its side: the close follows its bytes across the link. */
    void offerEnd(FarEnd to) {
        lock.lock();
        try {
            queue.add(new Chunk(to, new byte[0], ticker.nanos()));
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what {@code to}'s connection still has queued (it was reset). */
    void discard(FarEnd to) {
        lock.lock();
        try {
            long before = queued;
            queue.removeIf(c -> {
                if (c.to == to) {
                    queued -= c.remaining();
                    return true;
                }
                return false;
            });
            if (queued != before) {
                queueLevel.level(second(ticker.nanos()), queued);
                room.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The far end wrote {@code bytes} that had crossed into its socket. */
    void written(long bytes) {
        lock.lock();
        try {
            inFlight -= bytes;
            totalDelivered += bytes;
            delivered.add(second(ticker.nanos()), bytes);
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes that had crossed were thrown away with their connection (it was reset). */
    void lost(long bytes) {
        lock.lock();
        try {
            inFlight -= bytes;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves across the link everything whose opportunity has come by now; returns the ticker time at which the next
     * queued bytes may cross, or {@link #NOTHING_DUE} when it waits for bytes or for the far ends to write.
     */
    long serve() {
        lock.lock();
        try {
            return serveLocked(ticker.nanos());
        } finally {
            lock.unlock();
        }
    }

    private long serveLocked(long now) {
        long before = queued;
        long next = NOTHING_DUE;
        while (!queue.isEmpty() && inFlight < inFlightLimit) {
            long due = schedule.trace().isPresent() ? servePacket(now) : serveUnlimited(now);
            if (due != 0) {
                next = due;
                break;
            }
        }
        if (queued != before) {
            queueLevel.level(second(now), queued);
            room.signalAll();
        }
        return next;
    }

    /** Serves the next opportunity if it has come: returns 0, else the time it comes. */
    private long servePacket(long now) {
        MahimahiTrace trace = schedule.trace().orElseThrow();
        Chunk head = queue.peek();
        long k = Math.max(nextOpportunity, trace.opportunitiesBefore(ceilMs(head.queuedNanos)));
        k = schedule.firstUsableOpportunity(k);
        long atMs = trace.opportunityMs(k);
        long at = nanosAt(atMs);
        if (at > now) {
            return at;
        }
        nextOpportunity = k + 1;
        long budget = MahimahiTrace.PACKET_BYTES;
        while (!queue.isEmpty() && queue.peek().queuedNanos <= at && (budget > 0 || queue.peek().isEnd())) {
            Chunk c = queue.peek();
            if (c.isEnd()) {
                queue.poll();
                c.to.end(at + delayNanos);
                continue;
            }
            int take = (int) Math.min(budget, c.remaining());
            cross(c, take, at, atMs);
            budget -= take;
        }
        return 0;
    }

    /** Without a trace, queued bytes cross as soon as the link is up. */
    private long serveUnlimited(long now) {
        Chunk c = queue.peek();
        long atMs = schedule.nextUpMs(ceilMs(c.queuedNanos));
        long at = atMs == ceilMs(c.queuedNanos) ? c.queuedNanos : nanosAt(atMs);
        if (at > now) {
            return at;
        }
        if (c.isEnd()) {
            queue.poll();
            c.to.end(at + delayNanos);
        } else {
            cross(c, c.remaining(), at, atMs);
        }
        return 0;
    }

    private void cross(Chunk c, int take, long at, long atMs) {
        byte[] bytes = c.offset == 0 && take == c.data.length ? c.data : Arrays.copyOfRange(c.data, c.offset, c.offset + take);
        c.offset += take;
        if (c.remaining() == 0) {
            queue.poll();
        }
        queued -= take;
        inFlight += take;
        totalCarried += take;
        carried.add(atMs / 1000, take);
        c.to.carry(bytes, at + delayNanos);
    }

    /**
     * The link thread's loop: serves, then sleeps until the next opportunity, new bytes or a far end's progress, until
     * {@link #close}. Every wait is bounded, so a close is seen within {@value #IDLE_WAIT_NANOS} ns.
     */
    void runLink() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long next = serveLocked(ticker.nanos());
                long wait = next == NOTHING_DUE ? IDLE_WAIT_NANOS : Math.min(IDLE_WAIT_NANOS, next - ticker.nanos());
                if (wait > 0) {
                    work.awaitNanos(wait);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            room.signalAll();
            work.signalAll();
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

    /** Whole seconds since the start, as of now. */
    long elapsedSeconds() {
        return second(ticker.nanos());
    }

    /** Per-second numbers for seconds {@code 0..count-1}. */
    DirectionSeconds seconds(int count) {
        lock.lock();
        try {
            long[] capacity = new long[count];
            boolean limited = schedule.trace().isPresent();
            for (int s = 0; s < count; s++) {
                capacity[s] = schedule.capacityBytes(s * 1000L, (s + 1) * 1000L).orElse(-1L);
            }
            return new DirectionSeconds(limited ? Optional.of(capacity) : Optional.empty(), carried.upTo(count),
                    delivered.upTo(count), queueLevel.upTo(count));
        } finally {
            lock.unlock();
        }
    }

    DirectionCounters counters() {
        lock.lock();
        try {
            return new DirectionCounters(totalAccepted, totalCarried, totalDelivered, queued, inFlight, queueBytes);
        } finally {
            lock.unlock();
        }
    }

    private long second(long nanos) {
        return Math.max(0, nanos - startNanos) / 1_000_000_000L;
    }

    /** The first whole millisecond since the start at or after {@code nanos}. */
    private long ceilMs(long nanos) {
        long since = nanos - startNanos;
        return since <= 0 ? 0 : (since + 999_999) / 1_000_000;
    }

    private long nanosAt(long ms) {
        return startNanos + ms * 1_000_000;
    }

    /** Per-second arrays; {@code capacity} is empty for a direction without a trace. */
    record DirectionSeconds(Optional<long[]> capacity, long[] carried, long[] delivered, long[] queueMax) {}
}
