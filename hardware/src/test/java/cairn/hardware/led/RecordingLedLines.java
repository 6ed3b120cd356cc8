package cairn.hardware.led;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** LED lines that record every write, and can be told to fail writes for chosen LEDs. */
final class RecordingLedLines implements LedLines {
    private final Map<Led, List<Boolean>> writes = new EnumMap<>(Led.class);
    private final Set<Led> broken = EnumSet.noneOf(Led.class);
    private boolean closed;

    RecordingLedLines() {
        for (Led led : Led.values()) {
            writes.put(led, new ArrayList<>());
        }
    }

    @Override
    public LedLine line(Led led) {
        return on -> {
            synchronized (this) {
                if (broken.contains(led)) {
                    throw new IllegalStateException("line " + led + " is broken");
                }
                writes.get(led).add(on);
            }
        };
    }

    synchronized List<Boolean> writesOf(Led led) {
        return List.copyOf(writes.get(led));
    }

    synchronized int totalWrites() {
        return writes.values().stream().mapToInt(List::size).sum();
    }

    synchronized void clearWrites() {
        writes.values().forEach(List::clear);
    }

    synchronized void breakLine(Led led) {
        broken.add(led);
    }

    synchronized void repairLine(Led led) {
        broken.remove(led);
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
