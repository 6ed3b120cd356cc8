package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a child process of the test JVM running after it ends, and kills it. The same check as
 * {@code cairn.lab.rig.NoChildProcessesLeft}, which is package-private there.
 */
final class NoChildProcessesLeft implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<ProcessHandle> alive = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        List<String> described = alive.stream()
                .map(child -> child.pid() + " " + child.info().commandLine().orElse("?"))
                .toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        assertEquals(List.of(), described, "child processes left running after " + context.getDisplayName());
    }
}
