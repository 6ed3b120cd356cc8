package cairn.lab.receiver;

import cairn.lab.receiver.SegmentArrival.Status;
import cairn.lab.rig.Ffprobe;
import cairn.segment.SegmentInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares what arrived under the receiver's root with what the appliance produced, per camera and sequence: whole
 * (size and SHA-256 as recorded), missing, damaged, stored more than once (from nginx's access log), and whether each
 * group of pictures decodes with Debian's ffmpeg ({@code -v error}, segments read as one stream from the one that
 * starts with a key frame, as a player reads them).
 *
 * <pre>{@code
 * ArrivalReport report = new ArrivalChecker(receiver.root(), RemoteNaming.SPOOL_LAYOUT, new Ffprobe())
 *         .check(ProducedSegments.read(spoolCopies), receiver.requests());
 * assertEquals(0, report.lost(), report.describeProblems());
 * }</pre>
 *
 * <p>Runs on the caller's thread; one ffmpeg run per group of pictures (about 0.1 s each here).
 */
public final class ArrivalChecker {

    private final Path root;
    private final RemoteNaming naming;
    private final Ffprobe ffprobe;
    private final boolean decode;

    /** {@code ffprobe} null: compare bytes only, decode nothing. */
    public ArrivalChecker(Path root, RemoteNaming naming, Ffprobe ffprobe) {
        this.root = root;
        this.naming = naming;
        this.ffprobe = ffprobe;
        this.decode = ffprobe != null;
    }

    public ArrivalReport check(List<SegmentInfo> produced, List<AccessLog.Entry> requests) throws IOException {
        Map<String, List<AccessLog.Entry>> stored = requests.stream().filter(AccessLog.Entry::storedPut)
                .collect(Collectors.groupingBy(e -> e.path().startsWith("/") ? e.path().substring(1) : e.path()));
        Map<String, List<SegmentInfo>> byCamera = new LinkedHashMap<>();
        for (SegmentInfo s : produced) {
            byCamera.computeIfAbsent(s.camera(), c -> new ArrayList<>()).add(s);
        }
        List<SegmentArrival> all = new ArrayList<>();
        Set<String> expectedPaths = new TreeSet<>();
        for (List<SegmentInfo> segments : byCamera.values()) {
            segments.sort((a, b) -> Long.compare(a.sequence(), b.sequence()));
            Map<Long, SegmentArrival> arrivals = new LinkedHashMap<>();
            for (SegmentInfo s : segments) {
                String path = naming.path(s.camera(), s.sequence());
                expectedPaths.add(path);
                arrivals.put(s.sequence(), compare(s, path, stored.getOrDefault(path, List.of())));
            }
            if (decode) {
                for (List<SegmentInfo> group : groupsOfPictures(segments)) {
                    decodeGroup(group, arrivals);
                }
            }
            all.addAll(arrivals.values());
        }
        return new ArrivalReport(all, unexpected(expectedPaths));
    }

    private SegmentArrival compare(SegmentInfo s, String path, List<AccessLog.Entry> puts) throws IOException {
        OptionalDouble firstStored = puts.stream().mapToDouble(AccessLog.Entry::epochSeconds).min();
        Path file = root.resolve(path);
        Status status;
        String detail = "";
        if (!Files.isRegularFile(file)) {
            status = Status.MISSING;
            detail = "no " + path + " on the server";
        } else if (Files.size(file) != s.bytes()) {
            status = Status.DAMAGED;
            detail = path + " has " + Files.size(file) + " bytes, the appliance produced " + s.bytes();
        } else if (!sha256(file).equalsIgnoreCase(s.sha256())) {
            status = Status.DAMAGED;
            detail = path + " has the right size but another SHA-256";
        } else {
            status = Status.DELIVERED;
        }
        return new SegmentArrival(s.camera(), s.sequence(), status, detail, false, puts.size(), firstStored);
    }

    /**
     * Decodes the group's segments that arrived whole, from its key-frame segment up to the first that did not; the
     * rest cannot decode without what is missing and stay unchecked. A group whose first segment does not start with
     * a key frame (its head was never produced or was evicted) is not decoded at all.
     */
    private void decodeGroup(List<SegmentInfo> group, Map<Long, SegmentArrival> arrivals) throws IOException {
        List<SegmentInfo> decodable = new ArrayList<>();
        if (group.get(0).startsWithKey()) {
            for (SegmentInfo s : group) {
                if (!arrivals.get(s.sequence()).whole()) {
                    break;
                }
                decodable.add(s);
            }
        }
        if (decodable.isEmpty()) {
            return;
        }
        List<Path> files = decodable.stream().map(s -> root.resolve(naming.path(s.camera(), s.sequence()))).toList();
        List<String> errors = ffprobe.decodesCleanly(files);
        for (SegmentInfo s : decodable) {
            SegmentArrival a = arrivals.get(s.sequence());
            boolean bad = !errors.isEmpty();
            arrivals.put(s.sequence(), new SegmentArrival(a.camera(), a.sequence(), bad ? Status.UNDECODABLE : a.status(),
                    bad ? "its group of pictures from sequence " + decodable.get(0).sequence() + " fails to decode: "
                            + errors.get(0) : a.detail(), true, a.storedPuts(), a.firstStoredEpochSeconds()));
        }
    }

    /** Segments cut into groups that each start with a key-frame segment (the first group may not). */
    static List<List<SegmentInfo>> groupsOfPictures(List<SegmentInfo> segments) {
        List<List<SegmentInfo>> groups = new ArrayList<>();
        for (SegmentInfo s : segments) {
            if (groups.isEmpty() || s.startsWithKey()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(s);
        }
        return groups;
    }

    private List<String> unexpected(Set<String> expected) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString())
                    .filter(p -> p.endsWith(".ts") && !expected.contains(p))
                    .sorted().toList();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256.", e);
        }
    }
}
