package cairn.health;

import cairn.health.BoxState.Backlog;
import cairn.health.BoxState.Link;
import cairn.health.BoxState.Problem;
import cairn.health.BoxState.Recording;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The figures {@link BoxState} is derived from, gathered by the appliance once a second; ages in
 * seconds, empty when there is none.
 *
 * @param cameras each enabled camera: true while it delivers frames
 * @param camerasEnded how many cameras ended by themselves (a file that does not loop)
 * @param lastUploadAgeS since the last successful upload
 * @param uploadAuthRefused the server answered 401 or 403 to the last request
 * @param oldestWaitingAgeS the oldest segment in the spool not sent yet (older than live)
 * @param evictedAgeS since the spool last evicted footage for room, or could not write
 */
public record BoxInputs(List<Boolean> cameras, int camerasEnded, boolean uplinkEnabled, boolean inOutage,
    OptionalDouble lastUploadAgeS, boolean uploadFailing, boolean uploadAuthRefused,
    OptionalDouble oldestWaitingAgeS, OptionalDouble evictedAgeS, boolean clockSynced, double uptimeS,
    OptionalDouble cpuCelsius, boolean underVoltage) {
  /** After this long without a good upload the link counts as degraded. */
  static final double UPLOAD_FRESH_S = 30;
  static final double HOUR_S = 3600;
  /** An eviction keeps BACKLOG fast and the disk code on this long. */
  static final double EVICTION_SHOWN_S = 600;
  /** NTP usually answers within a minute of the link coming up. */
  static final double CLOCK_GRACE_S = 600;
  /** The Pi 4 firmware throttles at 80 °C (soft limit from 60 °C on some boards); 80 means act. */
  static final double HOT_CELSIUS = 80;

  public BoxState state() {
    return new BoxState(link(), recording(), backlog(), problem());
  }

  private Link link() {
    if (!uplinkEnabled) {
      return Link.NONE;
    }
    if (inOutage) {
      return Link.DOWN;
    }
    boolean fresh = lastUploadAgeS.isPresent() && lastUploadAgeS.getAsDouble() <= UPLOAD_FRESH_S;
    return fresh && !uploadFailing ? Link.UP : Link.DEGRADED;
  }

  private Recording recording() {
    if (cameras.contains(false)) {
      return Recording.SOME_LOST;
    }
    return cameras.size() > camerasEnded ? Recording.ALL : Recording.NONE;
  }

  private Backlog backlog() {
    if (!uplinkEnabled) {
      return Backlog.NONE;
    }
    if (recentlyEvicted() || oldestWaitingAgeS.orElse(0) >= HOUR_S) {
      return Backlog.HOURS;
    }
    return oldestWaitingAgeS.isPresent() ? Backlog.MINUTES : Backlog.NONE;
  }

  private boolean recentlyEvicted() {
    return evictedAgeS.isPresent() && evictedAgeS.getAsDouble() <= EVICTION_SHOWN_S;
  }

  private Optional<Problem> problem() {
    if (cameras.contains(false)) {
      return Optional.of(Problem.CAMERA);
    }
    if (recentlyEvicted()) {
      return Optional.of(Problem.DISK);
    }
    if (uploadAuthRefused) {
      return Optional.of(Problem.UPLINK_AUTH);
    }
    if (!clockSynced && uptimeS > CLOCK_GRACE_S) {
      return Optional.of(Problem.CLOCK);
    }
    if (cpuCelsius.isPresent() && cpuCelsius.getAsDouble() >= HOT_CELSIUS) {
      return Optional.of(Problem.TEMPERATURE);
    }
    return underVoltage ? Optional.of(Problem.POWER) : Optional.empty();
  }
}
