package cairn.lab.receiver;

import cairn.lab.receiver.SegmentArrival.Status;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What arrived on the server, per produced segment, and the totals the scenario report needs:
 *
 * <ul>
 *   <li>{@code delivered}: whole (size and SHA-256) and decodes</li>
 *   <li>{@code lost}: never arrived whole (missing, or damaged)</li>
 *   <li>{@code corrupt}: a file arrived but differs, or is whole and fails to decode</li>
 *   <li>{@code duplicates}: segments whose path nginx stored more than once</li>
 * </ul>
 *
 * @param segments every produced segment, by camera then sequence
 * @param unexpected {@code .ts} files under the root that are no produced segment's path (a naming mismatch, or
 *     segments the descriptions given to the checker do not cover)
 */
public record ArrivalReport(List<SegmentArrival> segments, List<String> unexpected) {

    public ArrivalReport {
        segments = List.copyOf(segments);
        unexpected = List.copyOf(unexpected);
    }

    public int produced() {
        return segments.size();
    }

    public int delivered() {
        return count(s -> s.status() == Status.DELIVERED);
    }

    public int lost() {
        return count(s -> !s.whole());
    }

    public int corrupt() {
        return count(s -> s.status() == Status.DAMAGED || s.status() == Status.UNDECODABLE);
    }

    public int duplicates() {
        return count(SegmentArrival::duplicated);
    }

    /** The segments that are not {@link Status#DELIVERED} or were stored more than once. */
    public List<SegmentArrival> problems() {
        return segments.stream().filter(s -> s.status() != Status.DELIVERED || s.duplicated()).toList();
    }

    /** The report of one camera. */
    public ArrivalReport camera(String camera) {
        return new ArrivalReport(segments.stream().filter(s -> s.camera().equals(camera)).toList(),
                unexpected.stream().filter(u -> u.startsWith(camera + "/")).toList());
    }

    /** {@code produced, delivered, lost, duplicates, corrupt}, as CONTRACTS.md's {@code segments} object. */
    public Map<String, Integer> totals() {
        Map<String, Integer> t = new TreeMap<>();
        t.put("produced", produced());
        t.put("delivered", delivered());
        t.put("lost", lost());
        t.put("duplicates", duplicates());
        t.put("corrupt", corrupt());
        return t;
    }

    /** One line per problem, for a log or a failing assertion. */
    public String describeProblems() {
        StringBuilder text = new StringBuilder();
        for (SegmentArrival s : problems()) {
            text.append(s.camera()).append('/').append(s.sequence()).append(": ").append(s.status())
                    .append(s.duplicated() ? " stored " + s.storedPuts() + " times" : "")
                    .append(s.detail().isEmpty() ? "" : " - " + s.detail()).append('\n');
        }
        unexpected.forEach(u -> text.append("unexpected file ").append(u).append('\n'));
        return text.toString();
    }

    private int count(Predicate<SegmentArrival> p) {
        return (int) segments.stream().filter(p).count();
    }
}
