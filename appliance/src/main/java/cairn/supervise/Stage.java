package cairn.supervise;

/**
 * A long-lived piece of work that a {@link Supervisor} runs on a thread of its own and restarts
 * when it fails.
 *
 * <p>Contract: {@link #run} works until asked to stop (then returns) or until it cannot go on
 * (then throws anything, an {@code Error} included). It calls {@link CheckIn#progress()} whenever it
 * does useful work or is idle for a good reason (an empty queue); a stage that stays silent past
 * its deadline counts as failed. An instance is run again after a failure, so state that must
 * survive a restart lives in its fields.
 */
public interface Stage {
  void run(CheckIn checkIn) throws Exception;

  /** Asks a running attempt to end soon. The default interrupts its thread. */
  default void stop(Thread attempt) {
    attempt.interrupt();
  }
}
