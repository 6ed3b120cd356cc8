package cairn.lab.ota;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * systemd's part on this machine: runs cairn-run, and starts it again a second after it exits (Restart=always),
 * at most {@code maxStarts} times. Each start's output is appended to one log.
 */
final class Supervised implements AutoCloseable {
    private final Thread thread;
    private volatile Process current;
    private volatile boolean closed;
    private final List<Integer> exits = new ArrayList<>();

    Supervised(Path cairnRun, Map<String, String> env, Path log, int maxStarts) {
        thread = new Thread(() -> {
            for (int i = 0; i < maxStarts && !closed; i++) {
                try {
                    ProcessBuilder pb = new ProcessBuilder(cairnRun.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                    pb.environment().putAll(env);
                    current = pb.start();
                    int code = current.waitFor();
                    synchronized (exits) {
                        exits.add(code);
                    }
                    Thread.sleep(1000);
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "supervised-cairn-run");
        thread.setDaemon(true);
        thread.start();
    }

    List<Integer> exits() {
        synchronized (exits) {
            return List.copyOf(exits);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        Process p = current;
        if (p != null) {
            p.toHandle().descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        }
        thread.interrupt();
        thread.join(10_000);
    }
}
