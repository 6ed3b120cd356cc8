package cairn.lab.scenario;

import cairn.lab.receiver.AccessLog;
import cairn.lab.receiver.ProducedSegments;
import cairn.lab.receiver.RemoteNaming;
import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * One produced segment's way from the spool to the server, in wall-clock milliseconds (the lab, the appliance and
 * nginx share this machine's clock).
 *
 * @param committedMillis when it entered the spool: the modification time of the lab's copy of its description,
 *     made within milliseconds of the spool's rename (see {@code DescriptionKeeper}); never before its capture ended
 * @param storedMillis when nginx first held it whole: the end of the first PUT of its path that nginx stored (201/204),
 *     from the access log ({@code $msec} is written when the request ends, after the body is renamed into place)
 * @param sentMillis when the PUT that stored it began to reach nginx: {@code storedMillis} less nginx's
 *     {@code $request_time} (which starts at the request's first bytes); before it, the segment waited in the box (or,
 *     at most half a round trip and the link's queue, on its way)
 * @param live whether it was sent live, not from the backlog: the uplink marks the PUT of a segment sent live with
 *     {@code X-Cairn-Live: 1}, which the receiver logs. (Before it did, it PUT the camera's {@code live.m3u8} right
 *     after a live segment on the same connection and after no other, so for a log without the mark a segment is live
 *     when the next request on its connection is a stored PUT of that playlist.)
 */
public record Delivery(SegmentInfo info, long committedMillis, OptionalLong storedMillis, OptionalLong sentMillis,
        boolean live) {

    /** One whose PUT took no time: sent when stored. */
    public Delivery(SegmentInfo info, long committedMillis, OptionalLong storedMillis, boolean live) {
        this(info, committedMillis, storedMillis, storedMillis, live);
    }

    /** Capture of its first frame to the moment the server held it whole; empty if it never arrived. */
    public OptionalLong latencyMillis() {
        return storedMillis.isPresent() ? OptionalLong.of(storedMillis.getAsLong() - info.startWallMillis())
                : OptionalLong.empty();
    }

    /** Whether it was waiting (in the spool, not yet on the server) at {@code millis}. */
    public boolean pendingAt(long millis) {
        return committedMillis <= millis && (storedMillis.isEmpty() || storedMillis.getAsLong() > millis);
    }

    /** Until this it waited to be sent (the moment its storing PUT began); {@code Long.MAX_VALUE} if never stored. */
    public long waitedUntilMillis() {
        return Math.max(committedMillis, sentMillis.orElse(Long.MAX_VALUE));
    }

    /**
     * Every segment described under {@code copies} (the description keeper's folder), joined with the receiver's
     * access log. {@code naming} gives a segment's path under the server root, without a leading slash.
     */
    public static List<Delivery> read(Path copies, List<AccessLog.Entry> requests, RemoteNaming naming)
            throws IOException {
        Map<String, Long> copiedAt = new HashMap<>();
        if (Files.isDirectory(copies)) {
            try (Stream<Path> files = Files.walk(copies)) {
                for (Path f : files.filter(f -> f.getFileName().toString().matches("[0-9]{12}\\.json")).toList()) {
                    copiedAt.put(f.getParent().getFileName() + "/" + f.getFileName(),
                            Files.getLastModifiedTime(f).toMillis());
                }
            }
        }
        return join(ProducedSegments.read(copies), copiedAt, requests, naming);
    }

    /** {@code copiedAt} is keyed by {@code CAMERA/NNNNNNNNNNNN.json}. */
    static List<Delivery> join(List<SegmentInfo> produced, Map<String, Long> copiedAt, List<AccessLog.Entry> requests,
            RemoteNaming naming) {
        Map<String, AccessLog.Entry> firstStored = new HashMap<>();
        Map<Long, Map<Integer, AccessLog.Entry>> byConnection = new HashMap<>();
        List<AccessLog.Entry> inOrder = new ArrayList<>(requests);
        inOrder.sort(Comparator.comparingDouble(AccessLog.Entry::epochSeconds));
        for (AccessLog.Entry e : inOrder) {
            byConnection.computeIfAbsent(e.connection(), c -> new HashMap<>()).put(e.connectionRequest(), e);
            if (e.storedPut()) {
                firstStored.putIfAbsent(strip(e.path()), e);
            }
        }
        boolean anyMarked = requests.stream().anyMatch(AccessLog.Entry::markedLive);
        List<Delivery> out = new ArrayList<>(produced.size());
        for (SegmentInfo s : produced) {
            String path = naming.path(s.camera(), s.sequence());
            long copied = copiedAt.getOrDefault(s.camera() + "/" + String.format("%012d.json", s.sequence()),
                    s.endWallMillis());
            long committed = Math.max(copied, s.endWallMillis());
            AccessLog.Entry put = firstStored.get(path);
            OptionalLong stored = put == null ? OptionalLong.empty()
                    : OptionalLong.of(Math.round(put.epochSeconds() * 1000));
            OptionalLong sent = put == null ? OptionalLong.empty()
                    : OptionalLong.of(Math.round((put.epochSeconds() - put.seconds()) * 1000));
            boolean live = false;
            if (put != null && put.markedLive()) {
                live = true;
            } else if (put != null && put.liveMark().equals("-") && !anyMarked) {
                AccessLog.Entry next = byConnection.get(put.connection()).get(put.connectionRequest() + 1);
                String playlist = path.substring(0, path.lastIndexOf('/') + 1) + "live.m3u8";
                live = next != null && next.storedPut() && strip(next.path()).equals(playlist);
            }
            // A segment can only be held after it was committed; the copy may lag the spool by the keeper's rescan.
            if (stored.isPresent() && stored.getAsLong() < committed) {
                committed = Math.max(s.endWallMillis(), Math.min(committed, stored.getAsLong()));
            }
            out.add(new Delivery(s, committed, stored, sent, live));
        }
        return out;
    }

    private static String strip(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
