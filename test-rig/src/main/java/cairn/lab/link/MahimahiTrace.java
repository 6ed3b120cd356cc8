package cairn.lab.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A cellular link recording in Mahimahi's format: one integer per line, a millisecond offset at which one
 * {@value #PACKET_BYTES}-byte packet may cross; a value repeated n times is n packets in that millisecond. The file
 * loops with a period equal to its last value, as in Mahimahi's {@code mm-link}.
 *
 * <p>As in Mahimahi, line {@code t} gives opportunities at {@code t + k * period} for every {@code k >= 0}. Internally
 * the lines are taken modulo the period and sorted, so opportunity number {@code j} of that repeating pattern is at
 * {@code (j / n) * period + offset[j % n]}; the lines equal to the period would add opportunities at time 0 that
 * Mahimahi does not have, so the numbering starts after them. Immutable and thread-safe.
 */
public final class MahimahiTrace {

    public static final int PACKET_BYTES = 1500;

    private final String name;
    private final long periodMs;
    private final long[] lines;
    private final long[] offsets;
    /** Lines equal to the period: their first opportunity is one period in, not at time 0. */
    private final int notAtZero;

    private MahimahiTrace(String name, long[] lines) {
        this.name = name;
        this.lines = lines;
        this.periodMs = lines[lines.length - 1];
        this.offsets = new long[lines.length];
        int atPeriod = 0;
        for (int i = 0; i < lines.length; i++) {
            offsets[i] = lines[i] % periodMs;
            atPeriod += lines[i] == periodMs ? 1 : 0;
        }
        Arrays.sort(offsets);
        this.notAtZero = atPeriod;
    }

    public static MahimahiTrace load(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.US_ASCII));
    }

    /**
     * Parses the lines of a trace; blank lines are ignored. Throws {@link IllegalArgumentException} naming the trace
     * and line for anything else that is not a non-negative integer, for a value smaller than the one before, and for
     * a trace without lines or whose last value is 0.
     */
    public static MahimahiTrace parse(String name, List<String> lines) {
        long[] values = new long[lines.size()];
        int n = 0;
        long previous = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            long value;
            try {
                value = Long.parseLong(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Trace " + name + " line " + (i + 1) + ": '" + line
                        + "' is not a millisecond count.");
            }
            if (value < 0 || value < previous) {
                throw new IllegalArgumentException("Trace " + name + " line " + (i + 1) + ": " + value
                        + (value < 0 ? " is negative." : " is earlier than the line before (" + previous + ")."));
            }
            values[n++] = value;
            previous = value;
        }
        if (n == 0) {
            throw new IllegalArgumentException("Trace " + name + " has no delivery opportunities.");
        }
        long period = values[n - 1];
        if (period == 0) {
            throw new IllegalArgumentException("Trace " + name + " must last more than 0 ms (its last line is 0).");
        }
        return new MahimahiTrace(name, Arrays.copyOf(values, n));
    }

    /**
     * A steady link of {@code kbps} kilobits per second: over each 12 s period exactly {@code kbps} packets, spread
     * evenly. 12 s is the shortest period in which any whole kbps is a whole number of 1500-byte packets.
     */
    public static MahimahiTrace constant(long kbps) {
        if (kbps <= 0) {
            throw new IllegalArgumentException("A constant trace needs a positive rate, got " + kbps + " kbit/s.");
        }
        long period = 12_000;
        String[] lines = new String[(int) kbps];
        for (long i = 1; i <= kbps; i++) {
            lines[(int) (i - 1)] = Long.toString(Math.round(i * (double) period / kbps));
        }
        return parse("constant-" + kbps + "kbps", List.of(lines));
    }

    /**
     * A trace that holds {@code kbps[s]} kilobits per second during second {@code s}, spread evenly within each second
     * from its start, then loops; a 0 is a second with no opportunity at all (a gap). Rounding carries over from
     * second to second, so the total is exact to one packet. The first second must carry packets: its first one, at
     * offset 0, is written as the period (the last line of a trace), so it comes at the start of every loop but the
     * first.
     */
    public static MahimahiTrace perSecond(String name, long... kbps) {
        if (kbps.length == 0 || kbps[0] * 1000 < PACKET_BYTES * 8) {
            throw new IllegalArgumentException("Trace " + name
                    + " needs at least one second, and its first second must carry at least one packet.");
        }
        List<String> lines = new ArrayList<>();
        double owed = 0;
        for (int s = 0; s < kbps.length; s++) {
            if (kbps[s] < 0) {
                throw new IllegalArgumentException("Trace " + name + ": second " + s + " has a negative rate " + kbps[s] + ".");
            }
            owed += kbps[s] * 1000.0 / (PACKET_BYTES * 8);
            int packets = (int) Math.floor(owed + 1e-9);
            owed -= packets;
            for (int j = 0; j < packets; j++) {
                lines.add(Long.toString(s * 1000L + j * 1000L / packets));
            }
        }
        lines.remove(0);
        lines.add(Long.toString(kbps.length * 1000L));
        return parse(name, lines);
    }

    /** Writes the trace in Mahimahi's format; loading the file gives the same trace. */
    public void write(Path file) {
        StringBuilder text = new StringBuilder();
        for (long line : lines) {
            text.append(line).append('\n');
        }
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write trace " + name + " to " + file + ".", e);
        }
    }

    public String name() {
        return name;
    }

    public long periodMs() {
        return periodMs;
    }

    /** Delivery opportunities in one period. */
    public int opportunitiesPerPeriod() {
        return offsets.length;
    }

    /** Mean rate over a period, in kilobits per second. */
    public double meanKbps() {
        return offsets.length * PACKET_BYTES * 8.0 / periodMs;
    }

    /** How many opportunities fall strictly before {@code ms} since the start; also the index of the first one at or after it. */
    public long opportunitiesBefore(long ms) {
        if (ms <= 0) {
            return 0;
        }
        long loops = ms / periodMs;
        long within = ms % periodMs;
        return loops * offsets.length + lowerBound(within) - notAtZero;
    }

    /** Opportunities in {@code [fromMs, toMs)}. */
    public long opportunitiesBetween(long fromMs, long toMs) {
        return toMs <= fromMs ? 0 : opportunitiesBefore(toMs) - opportunitiesBefore(fromMs);
    }

    /** The time, in ms since the start, of opportunity number {@code k}. */
    public long opportunityMs(long k) {
        if (k < 0) {
            throw new IllegalArgumentException("Opportunity numbers start at 0, got " + k + ".");
        }
        long j = k + notAtZero;
        return (j / offsets.length) * periodMs + offsets[(int) (j % offsets.length)];
    }

    /** Index of the first offset {@code >= value}. */
    private int lowerBound(long value) {
        int lo = 0;
        int hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public String toString() {
        return String.format("%s (%d opportunities per %d ms, %.0f kbit/s)", name, offsets.length, periodMs, meanKbps());
    }
}
