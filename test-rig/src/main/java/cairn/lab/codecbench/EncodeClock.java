package cairn.lab.codecbench;

import java.io.IOException;

/** Adds up the wall time spent inside {@link #time} calls: the encoding-only seconds of a run. Not thread-safe. */
final class EncodeClock {

    /** Work whose duration counts as encoding. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws IOException;
    }

    /** Work without a result whose duration counts as encoding. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    private long nanos;

    <T> T time(Work<T> work) throws IOException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    void time(Action action) throws IOException {
        time(() -> {
            action.run();
            return null;
        });
    }

    double seconds() {
        return nanos / 1e9;
    }
}
