package cairn.app;

import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Test hooks that make the encoders fail on purpose, so that a test of the real process can watch
 * the supervisor and the watchdog act. System properties, seconds after start; never set on a box:
 * <ul>
 *   <li>{@value #ERROR_PROPERTY}: the first encoder there throws an {@code Error} once, as native
 *       code may; the supervisor restarts it.
 *   <li>{@value #WEDGE_PROPERTY}: every encoder thread blocks for good, ignoring interrupts, as a
 *       native call that never returns would; frames queue up with none encoded, the encoder misses
 *       its check-in deadline and the watchdog stops its kicks.
 * </ul>
 */
final class EncoderFaults {
  static final String ERROR_PROPERTY = "cairn.test.encoder_error_after_s";
  static final String WEDGE_PROPERTY = "cairn.test.wedge_encoder_after_s";
  private static final Logger LOG = Logger.getLogger(EncoderFaults.class.getName());

  private final OptionalLong errorAtNanos;
  private final OptionalLong wedgeAtNanos;
  private final AtomicBoolean errorThrown = new AtomicBoolean();

  private EncoderFaults(OptionalLong errorAtNanos, OptionalLong wedgeAtNanos) {
    this.errorAtNanos = errorAtNanos;
    this.wedgeAtNanos = wedgeAtNanos;
  }

  static EncoderFaults fromSystemProperties(long startNanos) {
    return new EncoderFaults(at(ERROR_PROPERTY, startNanos), at(WEDGE_PROPERTY, startNanos));
  }

  private static OptionalLong at(String property, long startNanos) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return OptionalLong.empty();
    }
    LOG.warning("test hook " + property + "=" + value + " is set: an encoder will fail on purpose");
    return OptionalLong.of(startNanos + (long) (Double.parseDouble(value) * 1e9));
  }

  /** Called by each encoder thread between frames. */
  void strikeIfDue() {
    long now = System.nanoTime();
    if (errorAtNanos.isPresent() && now >= errorAtNanos.getAsLong() && errorThrown.compareAndSet(false, true)) {
      throw new InternalError("test hook " + ERROR_PROPERTY);
    }
    if (wedgeAtNanos.isPresent() && now >= wedgeAtNanos.getAsLong()) {
      hang();
    }
  }

  private static void hang() {
    LOG.warning("test hook: " + Thread.currentThread().getName() + " hangs now");
    CountDownLatch never = new CountDownLatch(1);
    while (true) {
      try {
        never.await();
      } catch (InterruptedException ignored) {
        // Like a native call that does not return, an interrupt changes nothing.
      }
    }
  }
}
