package cairn.lab.ratesim;

import cairn.segment.SegmentInfo;
import cairn.spool.SegmentIndex;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/** The spool of {@code lab rate-sim}: one camera's waiting segments in memory, read by Cairn's own send order. */
final class MemorySpool implements SegmentIndex {
    private final String camera;
    private final TreeMap<Long, SegmentInfo> segments = new TreeMap<>();
    private long bytes;

    MemorySpool(String camera) {
        this.camera = camera;
    }

    void add(SegmentInfo s) {
        segments.put(s.sequence(), s);
        bytes += s.bytes();
    }

    void delivered(SegmentInfo s) {
        if (segments.remove(s.sequence()) != null) {
            bytes -= s.bytes();
        }
    }

    boolean isEmpty() {
        return segments.isEmpty();
    }

    @Override
    public <T> T read(Function<Map<String, NavigableMap<Long, SegmentInfo>>, T> reader) {
        return reader.apply(Map.of(camera, Collections.unmodifiableNavigableMap(segments)));
    }

    @Override
    public long pendingBytes() {
        return bytes;
    }
}
