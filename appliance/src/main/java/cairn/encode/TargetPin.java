package cairn.encode;

import cairn.time.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A camera's encoding target with an operator's pin on top (MQTT {@code rate-override}). While a
 * pin holds, the rate controller's requests are remembered but not applied; when it ends (its time
 * is up, or it is lifted) the controller's latest request applies again, or the baseline (the
 * config's cap) if there was none. The pin outlives pipeline restarts: each new pipeline is
 * {@link #attach}ed and gets the target in force.
 *
 * <p>Threading: synchronized; {@link #expire} is called regularly by housekeeping, and time comes
 * from the injected {@link Ticker}.
 */
public final class TargetPin implements TargetSetter {
  private final Supplier<EncodingTarget> baseline;
  private final Ticker ticker;
  private TargetSetter pipeline;
  private EncodingTarget requested;
  private EncodingTarget pinned;
  private long untilNanos;

  public TargetPin(Supplier<EncodingTarget> baseline, Ticker ticker) {
    this.baseline = baseline;
    this.ticker = ticker;
  }

  /** Makes {@code p} the camera's current pipeline and hands it the target in force, if not the baseline. */
  public synchronized <T extends TargetSetter> T attach(T p) {
    pipeline = p;
    if (pinned != null || requested != null) {
      p.setTarget(effective());
    }
    return p;
  }

  /** From the rate controller. */
  @Override
  public synchronized void setTarget(EncodingTarget target) {
    requested = target;
    if (pinned == null) {
      apply(target);
    }
  }

  /** Holds {@code target} for {@code duration}; zero lifts a pin at once. */
  public synchronized void pin(EncodingTarget target, Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      if (pinned != null) {
        pinned = null;
        apply(effective());
      }
      return;
    }
    pinned = target;
    untilNanos = ticker.nanos() + duration.toNanos();
    apply(target);
  }

  /** Ends a pin whose time is up; true if one ended now. */
  public synchronized boolean expire() {
    if (pinned == null || ticker.nanos() - untilNanos < 0) {
      return false;
    }
    pinned = null;
    apply(effective());
    return true;
  }

  /** The target in force: the pin, else the controller's last request, else the baseline. */
  public synchronized EncodingTarget effective() {
    return pinned != null ? pinned : requested != null ? requested : baseline.get();
  }

  public synchronized Optional<EncodingTarget> pinned() {
    return Optional.ofNullable(pinned);
  }

  private void apply(EncodingTarget t) {
    if (pipeline != null) {
      pipeline.setTarget(t);
    }
  }
}
