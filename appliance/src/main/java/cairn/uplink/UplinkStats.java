package cairn.uplink;

/** Counters for health and the lab; a snapshot, safe to pass between threads. */
public record UplinkStats(long segmentsSent, long bytesSent, long liveSent, long failures, String lastError,
    long lastSuccessWallMillis) {}
