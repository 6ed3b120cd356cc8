package cairn.ota.device;

/**
 * How long a new release may take to prove itself: at most {@code tries} starts, each allowed
 * {@code deadlineSeconds} to commit, all within the boot that switched to it. cairn-run enforces these.
 */
public record TrialTerms(int tries, long deadlineSeconds) {
    public TrialTerms {
        if (tries < 1 || tries > 10) {
            throw new IllegalArgumentException("tries must be from 1 to 10, got " + tries);
        }
        if (deadlineSeconds < 10 || deadlineSeconds > 86_400) {
            throw new IllegalArgumentException("the trial deadline must be 10 s to a day, got " + deadlineSeconds);
        }
    }
}
