package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoChildProcessesLeft.class)
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ChildCleanupIT {

    @Test
    void aLabJvmEndedBySigtermTakesItsChildProcessesWithIt() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ChildrenInChildJvm.class.getName())
                .redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertTrue(line != null && line.startsWith("PID "), "the child JVM said " + line);
            ProcessHandle sleep = ProcessHandle.of(Long.parseLong(line.substring(4).strip())).orElseThrow();
            assertTrue(sleep.isAlive());

            jvm.destroy();
            assertTrue(jvm.waitFor(20, TimeUnit.SECONDS), "the JVM ended on SIGTERM");

            sleep.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(sleep.isAlive(), "sleep " + sleep.pid() + " outlived the JVM that started it");
        } finally {
            jvm.destroyForcibly();
        }
    }
}
