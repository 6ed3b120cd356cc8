package cairn.ota.device;

/**
 * What an update may spend on the link. The appliance backs it with the data budget; {@code take} is called
 * before each chunk is read and counts the chunk once it has arrived.
 */
public interface ByteAllowance {
    /** Whether {@code bytes} more may be fetched now; false pauses the download (it resumes later). */
    boolean mayFetch(long bytes);

    /** {@code bytes} arrived. */
    void fetched(long bytes);

    static ByteAllowance unlimited() {
        return new ByteAllowance() {
            @Override
            public boolean mayFetch(long bytes) {
                return true;
            }

            @Override
            public void fetched(long bytes) {}
        };
    }
}
