package cairn.health;

import java.util.Optional;

/**
 * What the box would tell an installer standing in front of it, derived once a second from the
 * stages (see {@link BoxInputs#state()}) and published on a typed topic; the LEDs show it.
 */
public record BoxState(Link link, Recording recording, Backlog backlog, Optional<Problem> problem) {
  public enum Link {
    /** Uploads succeed. */
    UP,
    /** Some uploads fail, or none has succeeded yet. */
    DEGRADED,
    /** An outage: nothing delivered for a while. */
    DOWN,
    /** No uplink configured. */
    NONE
  }

  public enum Recording {
    /** Every enabled camera delivers frames. */
    ALL,
    /** Some camera is lost (unplugged, unreachable) or has not opened yet. */
    SOME_LOST,
    /** No camera runs any more (files that ended). */
    NONE
  }

  public enum Backlog {
    NONE,
    /** The oldest segment waiting is younger than an hour. */
    MINUTES,
    /** An hour or more waits, or the spool is evicting footage to make room. */
    HOURS
  }

  /** The ERROR LED's blink codes, in the order they win: the first problem is the one shown. */
  public enum Problem {
    CONFIG(1), CAMERA(2), DISK(3), UPLINK_AUTH(4), CLOCK(5), TEMPERATURE(6), POWER(7);

    private final int flashes;

    Problem(int flashes) {
      this.flashes = flashes;
    }

    public int flashes() {
      return flashes;
    }
  }
}
