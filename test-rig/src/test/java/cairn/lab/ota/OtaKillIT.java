package cairn.lab.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkConfig;
import cairn.lab.link.LinkEmulator;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.receiver.NginxReceiver;
import cairn.lab.receiver.ReceiverOptions;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.NoChildProcessesLeft;
import cairn.ota.Bundle;
import cairn.ota.device.ReleaseCheck;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The updater SIGKILLed at 200 random points of download, verify, install and switch: after every kill the next
 * start (cairn-run's own choice) is a complete release whose every file matches its signed manifest, old or new.
 * The kill point is a random delay after a random phase began, so that the short phases are hit too.
 */
@ExtendWith(NoChildProcessesLeft.class)
class OtaKillIT {
    private static final int KILLS = Integer.getInteger("ota.kills", 200);
    private static final String[] PHASES = {"start", "downloading", "verifying", "installing", "switching"};
    private static final int[] SPREAD_MS = {400, 700, 40, 120, 15};

    @TempDir
    Path dir;

    @Test
    void everyStartAfterAKillRunsACompleteVerifiedRelease() throws Exception {
        OtaBox box = new OtaBox(dir);
        Random random = new Random(Long.getLong("ota.seed", 15));
        Map<String, Integer> killedIn = new TreeMap<>();
        Map<String, Integer> started = new TreeMap<>();
        int completed = 0;
        try (NginxReceiver nginx = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults());
                LinkEmulator link = LinkEmulator.start(LinkConfig.unlimited().withDownlink(MahimahiTrace.constant(6_000)),
                        nginx.address(), FreePort.find())) {
            Bundle b = box.pack(box.stage("1.1.0", 40, 24_000), nginx.root().resolve("rel"), "1.1.0", 2);
            String url = "http://127.0.0.1:" + link.port() + "/rel/latest.manifest";
            int kills = 0;
            while (kills < KILLS) {
                int phase = random.nextInt(PHASES.length);
                Process p = box.apply(url).redirectErrorStream(true).start();
                AtomicReference<String> lastPhase = new AtomicReference<>("start");
                Map<String, Long> seen = new ConcurrentHashMap<>();
                Thread reader = new Thread(() -> read(p, lastPhase, seen), "apply-output");
                reader.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (phase > 0 && !seen.containsKey(PHASES[phase]) && p.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                Thread.sleep(random.nextInt(SPREAD_MS[phase] + 1));
                boolean killed = p.isAlive();
                p.destroyForcibly(); // SIGKILL on Linux
                p.waitFor(10, TimeUnit.SECONDS);
                reader.join(5_000);
                if (killed) {
                    kills++;
                    killedIn.merge(lastPhase.get(), 1, Integer::sum);
                } else {
                    assertEquals(0, p.exitValue(), "apply ended by itself but failed; see its output above");
                    completed++;
                }
                Path next = box.nextStart();
                Optional<String> problem = ReleaseCheck.problem(next, box.keys.getPublic());
                assertEquals(Optional.empty(), problem, "after kill " + kills + " (in " + lastPhase.get() + ")");
                String version = Files.readString(next.resolve("VERSION")).strip();
                started.merge(version, 1, Integer::sum);
                if (version.equals("1.1.0")) {
                    deleteTree(box.data); // switched: start over, so that later kills hit every phase again
                }
            }
            System.out.println("OtaKillIT: " + kills + " kills by phase " + killedIn + ", " + completed
                    + " runs ended by themselves; next start ran " + started + "; bundle " + Files.size(b.payload())
                    + " bytes");
        }
        assertTrue(killedIn.getOrDefault("downloading", 0) >= KILLS / 15, "kills while downloading: " + killedIn);
        assertTrue(killedIn.getOrDefault("installing", 0) >= KILLS / 20, "kills while installing: " + killedIn);
        assertTrue(killedIn.getOrDefault("verifying", 0) + killedIn.getOrDefault("switching", 0) >= KILLS / 20,
                "kills while verifying or switching: " + killedIn);
        assertTrue(started.containsKey("1.0.0") && started.containsKey("1.1.0"), "old and new both ran: " + started);
    }

    private static void read(Process p, AtomicReference<String> lastPhase, Map<String, Long> seen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("phase ")) {
                    String name = line.substring(6);
                    lastPhase.set(name);
                    seen.put(name, System.nanoTime());
                } else if (!line.startsWith("switched ")) {
                    System.out.println("apply: " + line);
                }
            }
        } catch (java.io.IOException e) {
            // the process was killed
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
