package cairn.lab.appliance;

import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.VideoProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * One camera's folder of the spool as someone outside the appliance sees it: {@code NNNNNNNNNNNN.ts} files, their
 * JSON descriptions and the lease. Read with Jackson and checked with Debian's ffmpeg, no appliance code involved.
 */
final class SpoolFolder {

    static final String LEASE = "sequence.lease";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A complete segment: both files present; its description's fields as the spool wrote them. */
    record Segment(Path ts, Path json, String camera, String bootId, long sequence, long startMonoNanos,
            long endMonoNanos, boolean startsWithKey, int frames, long bytes, String sha256, int width, int height) {

        static Segment read(Path ts, Path json) throws IOException {
            JsonNode n = JSON.readTree(json.toFile());
            return new Segment(ts, json, field(n, "camera", json).asText(), field(n, "bootId", json).asText(),
                    field(n, "sequence", json).asLong(), field(n, "startMonoNanos", json).asLong(),
                    field(n, "endMonoNanos", json).asLong(), field(n, "startsWithKey", json).asBoolean(),
                    field(n, "frames", json).asInt(), field(n, "bytes", json).asLong(),
                    field(n, "sha256", json).asText(), field(n, "width", json).asInt(),
                    field(n, "height", json).asInt());
        }

        private static JsonNode field(JsonNode n, String name, Path json) throws IOException {
            JsonNode v = n.get(name);
            if (v == null || v.isNull()) {
                throw new IOException(json + " has no " + name + ": " + n);
            }
            return v;
        }

        double seconds() {
            return (endMonoNanos - startMonoNanos) / 1e9;
        }

        String name() {
            return ts.getFileName().toString();
        }
    }

    private final Path dir;

    SpoolFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Every file that is not part of a complete segment or the lease: a {@code .ts} without its {@code .json} or the
     * reverse, a temporary file, anything else. Empty when the folder is consistent.
     */
    List<String> strayFiles() throws IOException {
        List<String> stray = new ArrayList<>();
        for (Path f : list()) {
            String n = f.getFileName().toString();
            if (n.equals(LEASE)) {
                continue;
            }
            if (n.matches("[0-9]{12}\\.ts")) {
                if (!Files.exists(sibling(f, ".json"))) {
                    stray.add(n + " (no .json)");
                }
            } else if (n.matches("[0-9]{12}\\.json")) {
                if (!Files.exists(sibling(f, ".ts"))) {
                    stray.add(n + " (no .ts)");
                }
            } else {
                stray.add(n);
            }
        }
        return stray;
    }

    /** Every complete segment, in sequence order (the order of the file names). */
    List<Segment> segments() throws IOException {
        List<Segment> out = new ArrayList<>();
        for (Path f : list()) {
            String n = f.getFileName().toString();
            if (n.matches("[0-9]{12}\\.ts") && Files.exists(sibling(f, ".json"))) {
                out.add(Segment.read(f, sibling(f, ".json")));
            }
        }
        out.sort(Comparator.comparing(Segment::name));
        return out;
    }

    /** Segments whose file does not match its description (size, sha256, name, camera); one line each. */
    static List<String> integrityProblems(List<Segment> segments, String camera) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Segment s : segments) {
            long size = Files.size(s.ts());
            if (size != s.bytes()) {
                problems.add(s.name() + ": " + size + " bytes, its .json says " + s.bytes());
            }
            String hash = sha256(s.ts());
            if (!hash.equals(s.sha256())) {
                problems.add(s.name() + ": sha256 " + hash + ", its .json says " + s.sha256());
            }
            if (!s.name().equals(String.format("%012d.ts", s.sequence()))) {
                problems.add(s.name() + ": its .json says sequence " + s.sequence());
            }
            if (!s.camera().equals(camera)) {
                problems.add(s.name() + ": its .json says camera " + s.camera());
            }
            if (s.frames() <= 0) {
                problems.add(s.name() + ": " + s.frames() + " frames");
            }
        }
        return problems;
    }

    /**
     * Splits segments (in sequence order) into groups of pictures: a segment that starts with a key frame and those
     * after it that do not. A group whose first segment has no key frame cannot decode; it is kept as a group so the
     * check reports it.
     */
    static List<List<Segment>> groupsOfPictures(List<Segment> inSequenceOrder) {
        List<List<Segment>> groups = new ArrayList<>();
        for (Segment s : inSequenceOrder) {
            if (groups.isEmpty() || s.startsWithKey()) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(s);
        }
        return groups;
    }

    /**
     * Decodes each group as one stream with ffmpeg; reports groups that print errors, do not start with a key frame,
     * or decode to another number of frames than their descriptions add up to.
     */
    static List<String> decodeProblems(Ffprobe ffprobe, List<List<Segment>> groups) throws IOException {
        List<String> problems = new ArrayList<>();
        for (List<Segment> group : groups) {
            List<Path> files = group.stream().map(Segment::ts).toList();
            String name = describe(group);
            if (!group.get(0).startsWithKey()) {
                problems.add(name + ": the group does not start with a key frame");
            }
            List<String> errors = ffprobe.decodesCleanly(files);
            if (!errors.isEmpty()) {
                problems.add(name + ": ffmpeg: " + String.join(" | ", errors));
            }
            VideoProbe probe = ffprobe.probe(files);
            int expected = group.stream().mapToInt(Segment::frames).sum();
            if (probe.frames() != expected) {
                problems.add(name + ": decodes to " + probe.frames() + " frames, the .json files say " + expected);
            }
        }
        return problems;
    }

    /** Width and height of each group as ffprobe sees them, where they differ from the descriptions'. */
    static List<String> sizeProblems(Ffprobe ffprobe, List<List<Segment>> groups, int width, int height)
            throws IOException {
        List<String> problems = new ArrayList<>();
        for (List<Segment> group : groups) {
            VideoProbe probe = ffprobe.probe(group.stream().map(Segment::ts).toList());
            if (probe.width() != width || probe.height() != height || !"h264".equals(probe.codec())) {
                problems.add(describe(group) + ": " + probe.codec() + " " + probe.width() + "x" + probe.height());
            }
            for (Segment s : group) {
                if (s.width() != width || s.height() != height) {
                    problems.add(s.name() + ": its .json says " + s.width() + "x" + s.height());
                }
            }
        }
        return problems;
    }

    static String describe(List<Segment> group) {
        return group.size() == 1 ? group.get(0).name()
                : group.get(0).name() + ".." + group.get(group.size() - 1).name() + " (" + group.size() + " segments)";
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static Path sibling(Path file, String extension) {
        String n = file.getFileName().toString();
        return file.resolveSibling(n.substring(0, n.lastIndexOf('.')) + extension);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
