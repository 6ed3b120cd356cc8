package cairn.health;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.OptionalDouble;

/**
 * One snapshot of how the box is doing, as MQTT health carries it (CONTRACTS.md). Fields that the
 * box cannot know here (no thermal sensor, no link monitor yet) are empty rather than made up.
 */
public record Health(
    String version,
    long uptimeS,
    OptionalDouble cpuCelsius,
    OptionalDouble load1,
    long memAvailableMb,
    long memTotalMb,
    long jvmUsedMb,
    long diskFreeMb,
    Backlog spool,
    Optional<Upload> uplink,
    Optional<Link> link,
    List<CameraHealth> cameras,
    Optional<Board> board,
    Optional<Budget> budget,
    Optional<Ota> ota) {

  /** Without updates (tests, and boxes before they had them). */
  public Health(String version, long uptimeS, OptionalDouble cpuCelsius, OptionalDouble load1, long memAvailableMb,
      long memTotalMb, long jvmUsedMb, long diskFreeMb, Backlog spool, Optional<Upload> uplink, Optional<Link> link,
      List<CameraHealth> cameras, Optional<Board> board, Optional<Budget> budget) {
    this(version, uptimeS, cpuCelsius, load1, memAvailableMb, memTotalMb, jvmUsedMb, diskFreeMb, spool, uplink, link,
        cameras, board, budget, Optional.empty());
  }

  /**
   * Updates: {@code state} idle, checking, downloading, verifying, installing, switching, restarting or trial;
   * the release running ({@code factory} or its version); the version on trial (empty when none); the last
   * outcome ("installed 1.4.2", "committed 1.4.2", "rolled_back 1.4.2 missed_deadline", "up_to_date",
   * "refused REPLAY", "failed"); download progress in bytes.
   */
  public record Ota(String state, String running, String trial, String last, long downloaded, long total) {}

  /**
   * What the spool holds that the server does not have yet. {@code oldestAgeS} is 0 when empty;
   * {@code error} says why segments cannot be stored (a read-only or failing disk), empty while they can.
   */
  public record Backlog(long bytes, int segments, long oldestAgeS, String error) {
    public Backlog(long bytes, int segments, long oldestAgeS) {
      this(bytes, segments, oldestAgeS, "");
    }
  }

  /**
   * What the uplink achieved: kbit/s of segments delivered since the last snapshot, failed requests so
   * far, seconds since the last success (empty before the first).
   */
  public record Upload(double kbps, long failures, OptionalLong lastSuccessAgeS) {}

  /**
   * The cellular link: the modem's network generation and signal (empty without a modem that
   * answers), the capacity estimate from the uplink's requests, whether an outage is on, and failed
   * requests so far.
   */
  public record Link(Optional<String> mode, OptionalDouble signalDbm, OptionalDouble estimateKbps, boolean outage,
      long failures) {}

  /**
   * The data plan: its state ({@code ok}, {@code paced}, {@code spent}), bytes spent this period, the
   * budget, spent by the renewal at this period's pace so far, and when it renews (ISO-8601).
   */
  public record Budget(String state, long spentBytes, long budgetBytes, long projectedBytes, String renews) {}

  public Health {
    cameras = List.copyOf(cameras);
  }

  /** Without board health or a data plan (tests, and boxes that know neither). */
  public Health(String version, long uptimeS, OptionalDouble cpuCelsius, OptionalDouble load1, long memAvailableMb,
      long memTotalMb, long jvmUsedMb, long diskFreeMb, Backlog spool, Optional<Upload> uplink, Optional<Link> link,
      List<CameraHealth> cameras) {
    this(version, uptimeS, cpuCelsius, load1, memAvailableMb, memTotalMb, jvmUsedMb, diskFreeMb, spool, uplink, link,
        cameras, Optional.empty(), Optional.empty());
  }
}
