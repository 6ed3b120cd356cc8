package cairn.hardware.led;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ticks a {@link LedPanel} on its own daemon thread ("cairn-leds") until closed.
 *
 * <p>A failing write is logged once, not at every tick, and logged again only after the lines have recovered;
 * the driver keeps ticking either way. {@link #close()} stops the thread but leaves the lines as they are:
 * closing the {@link LedLines} switches them off.
 */
public final class LedPanelDriver implements AutoCloseable {
    /** Fast enough for the 100 ms flashes of {@link LedPattern#HEARTBEAT}. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(25);

    private static final Logger LOG = System.getLogger(LedPanelDriver.class.getName());

    private final LedPanel panel;
    private final ScheduledExecutorService executor;
    private boolean failing;

    public LedPanelDriver(LedPanel panel, Duration period) {
        this.panel = Objects.requireNonNull(panel, "panel");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("LED tick period must be positive, got " + period);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "cairn-leds");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(this::tickOnce, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void tickOnce() {
        try {
            panel.tick();
            if (failing) {
                LOG.log(Level.INFO, "Status LEDs work again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Status LEDs cannot be written; retrying at every tick", e);
                failing = true;
            }
        }
    }

    /** Runs {@code task} on the LED thread between two ticks; a supervisor's liveness probe uses it. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
