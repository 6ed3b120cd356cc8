package cairn.ota;

/** What a device runs, as far as updates care: its version and the highest bundle counter it has accepted. */
public record Installed(Version version, long counter) {
    public Installed {
        if (counter < 0) {
            throw new IllegalArgumentException("counter must not be negative, got " + counter);
        }
    }
}
