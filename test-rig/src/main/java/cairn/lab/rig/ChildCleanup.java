package cairn.lab.rig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops every process this JVM started, and theirs, when the JVM exits: a lab command ended by
 * SIGTERM or Ctrl-C must not leave a broker, a receiver or an appliance running on a run folder
 * that the next run reuses. Each part also stops its own processes on a normal end; this is the
 * net under them.
 */
public final class ChildCleanup {

    private static final Duration GRACE = Duration.ofSeconds(5);

    private ChildCleanup() {}

    /** Installs the shutdown hook; call once, first thing in a main method. */
    public static void installOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildCleanup::stopAll, "stop-child-processes"));
    }

    /** SIGTERM to every descendant at once, then SIGKILL to those still alive after the grace period. */
    public static void stopAll() {
        List<ProcessHandle> all = ProcessHandle.current().descendants().toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception stillRunning) {
                // Killed below.
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
