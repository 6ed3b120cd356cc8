package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a test that leaves a child process of the test JVM running after it ends, and kills it. Shared by every IT package. */
public final class NoChildProcessesLeft implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> alive = ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .map(child -> child.pid() + " " + child.info().commandLine().orElse("?"))
                .toList();
        alive.forEach(line -> ProcessHandle.of(Long.parseLong(line.split(" ")[0])).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), alive, "child processes left running after " + context.getDisplayName());
    }
}
