package cairn.lab.receiver;

import cairn.segment.SegmentInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the appliance produced, read from the JSON descriptions its spool writes beside each segment
 * ({@code <camera>/NNNNNNNNNNNN.json}, a {@link SegmentInfo}). Reads with Jackson, no spool code involved.
 */
public final class ProducedSegments {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ProducedSegments() {}

    /**
     * Every {@code NNNNNNNNNNNN.json} under the folders given, at any depth (a spool, copies of its descriptions
     * taken during a run, a local archive), by camera then sequence. The same segment found twice counts once; two
     * different descriptions of one segment throw.
     */
    public static List<SegmentInfo> read(Path... dirs) throws IOException {
        Map<String, SegmentInfo> byKey = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(dir)) {
                files = s.filter(f -> f.getFileName().toString().matches("[0-9]{12}\\.json")).toList();
            }
            for (Path f : files) {
                SegmentInfo info = readOne(f);
                SegmentInfo before = byKey.putIfAbsent(info.camera() + "/" + info.sequence(), info);
                if (before != null && !Objects.equals(before, info)) {
                    throw new IOException("Two different descriptions of " + info.camera() + " segment " + info.sequence()
                            + ", one in " + f + ".");
                }
            }
        }
        List<SegmentInfo> all = new ArrayList<>(byKey.values());
        all.sort(Comparator.comparing(SegmentInfo::camera).thenComparingLong(SegmentInfo::sequence));
        return all;
    }

    public static SegmentInfo readOne(Path json) throws IOException {
        try {
            SegmentInfo info = JSON.readValue(json.toFile(), SegmentInfo.class);
            if (info.camera() == null || info.sha256() == null) {
                throw new IOException("no camera or sha256");
            }
            return info;
        } catch (IOException e) {
            throw new IOException("Cannot read segment description " + json + ": " + e.getMessage(), e);
        }
    }
}
