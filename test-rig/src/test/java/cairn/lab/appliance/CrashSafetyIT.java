package cairn.lab.appliance;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.appliance.SpoolFolder.Segment;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.Ffprobe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts, as far as the spool can tell: the appliance is SIGKILLed again and again at random moments on one data
 * folder, then stopped cleanly once. Whatever it had committed must still be there, whole, decodable and numbered
 * once; only the segment in progress at each kill may be missing.
 *
 * <p>The kill moments come from a seeded {@link Random}; the seed is printed, and {@code -Dcairn.crash.seed=N} replays
 * a run.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class CrashSafetyIT {

    private static final int ROUNDS = 20;
    private static final double FPS = 25;
    private static final String CAMERA = "cam1";
    private static final List<String> ARGS = List.of(
            "--set", "camera.cam1.source=testsrc", "--set", "camera.cam1.pattern=moving",
            "--set", "camera.cam1.width=320", "--set", "camera.cam1.height=240", "--set", "camera.cam1.fps=25",
            "--set", "segment.seconds=1");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(25);
    private static final String OPENED = "capture-cam1: opened";
    private static final long BLOCK = 1000;
    /** Longest footage a kill may take with it: the open 1 s segment, the encoder's look-ahead, the commit. */
    private static final double MAX_LOST_SECONDS = 3.0;
    /**
     * Shortest run before a kill: one 1 s segment plus the encoder's look-ahead, with a second to spare for a
     * loaded machine (2 s once left a run without a committed segment), so that every run can have committed one
     * (without an uplink the first pictures go through the look-ahead like all others).
     */
    private static final long MIN_RUN_MILLIS = 3000;
    private static final Pattern REMOVED = Pattern.compile(": (removed .*)$");

    /** One process's life: from just before its start to just after it was gone. */
    private record Run(String name, long fromNanos, long toNanos, List<String> removedAtStart) {}

    @TempDir
    Path dir;

    private final Ffprobe ffprobe = new Ffprobe();

    @Test
    void killedAtRandomMomentsTheSpoolKeepsEveryCommittedSegmentWholeAndNumberedOnce() throws IOException {
        long seed = Long.getLong("cairn.crash.seed", new Random().nextLong());
        System.out.println("CrashSafetyIT: seed " + seed + ", " + ROUNDS + " rounds (replay: -Dcairn.crash.seed="
                + seed + ")");
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Path cameraDir = data.resolve("spool").resolve(CAMERA);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            long runMillis = MIN_RUN_MILLIS + random.nextInt(2001);
            boolean aim = round % 2 == 0;
            try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("logs/round-" + round + ".log"),
                    ARGS)) {
                cairn.waitForLog(OPENED, START_TIMEOUT);
                sleep(runMillis);
                String when = "after " + runMillis + " ms";
                if (aim) {
                    // Every other aimed kill waits for the description's temporary file: a later step of the commit.
                    String stage = round % 4 == 0 ? "json" : "";
                    boolean caught = awaitCommitInProgress(cameraDir, stage, Duration.ofSeconds(3));
                    when += caught ? ", during the next commit" + (stage.isEmpty() ? "" : " (" + stage + " written)")
                            : ", no commit seen within 3 s";
                }
                assertTrue(cairn.isAlive(), "round " + round + ": Cairn died by itself: " + cairn.logText());
                cairn.kill9();
                runs.add(new Run("round " + round + " (killed " + when + ")", cairn.startedNanos(),
                        System.nanoTime(), removed(cairn)));
            }
        }
        try (ApplianceProcess cairn = ApplianceProcess.start(data, dir.resolve("logs/final.log"), ARGS)) {
            cairn.waitForLog(OPENED, START_TIMEOUT);
            sleep(3000);
            cairn.terminate(STOP_TIMEOUT);
            cairn.waitForLog("cairn stopped", Duration.ofSeconds(1));
            runs.add(new Run("final run (SIGTERM)", cairn.startedNanos(), System.nanoTime(), removed(cairn)));
        }

        SpoolFolder spool = new SpoolFolder(cameraDir);
        List<Segment> segments = spool.segments();
        runs.forEach(r -> System.out.println("CrashSafetyIT: " + r.name() + ": " + summary(inRun(segments, r), r)));

        long recoveries = runs.stream().filter(r -> !r.removedAtStart().isEmpty()).count();
        System.out.println("CrashSafetyIT: recovery removed a kill's leftovers at " + recoveries + " of "
                + runs.size() + " starts");

        assertTrue(recoveries > 0, "no kill hit a commit in progress, so recovery went untested");
        assertEquals(List.of(), spool.strayFiles(), "half-written files after the clean stop");
        assertEquals(List.of(), recoveryRemovedOnlyUnfinished(runs),
                "recovery may only remove what a commit had not finished");
        assertEquals(List.of(), SpoolFolder.integrityProblems(segments, CAMERA));
        assertEquals(List.of(), sequenceProblems(segments, runs));
        assertEquals(List.of(), lostFootage(segments, runs));
        assertEquals(List.of(), SpoolFolder.decodeProblems(ffprobe, SpoolFolder.groupsOfPictures(segments)));
        assertEquals(List.of(), groupsWithinOneRun(segments, runs));
    }

    /**
     * Half the rounds aim the kill at a commit: after the random wait, at the moment a temporary file shows up in the
     * camera's folder. Otherwise commits take milliseconds and a random kill almost never hits one, and recovery would
     * go untested. {@code nameContains} narrows it to temporary files whose name holds it. Returns whether one was
     * seen in time.
     */
    private static boolean awaitCommitInProgress(Path cameraDir, String nameContains, Duration timeout)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(cameraDir)) {
                try (Stream<Path> files = Files.list(cameraDir)) {
                    if (files.map(f -> f.getFileName().toString())
                            .anyMatch(n -> n.endsWith(".tmp") && n.contains(nameContains))) {
                        return true;
                    }
                } catch (NoSuchFileException | UncheckedIOException e) {
                    // A file renamed away while listing: a commit is under way, look again at once.
                }
            }
            LockSupport.parkNanos(200_000);
        }
        return false;
    }

    /** Lines a start logged about what recovery removed from the spool. */
    private static List<String> removed(ApplianceProcess cairn) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : cairn.logLines()) {
            Matcher m = REMOVED.matcher(line);
            if (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /**
     * A kill can only interrupt a commit: temporary files, or a segment renamed into place before its description
     * was. Anything else (damaged, description without its segment) means a commit was not atomic.
     */
    private static List<String> recoveryRemovedOnlyUnfinished(List<Run> runs) {
        List<String> problems = new ArrayList<>();
        for (Run r : runs) {
            for (String line : r.removedAtStart()) {
                if (!line.startsWith("removed unfinished ") && !line.endsWith("written when the power went (no description)")) {
                    problems.add(r.name() + ": " + line);
                }
            }
        }
        return problems;
    }

    /**
     * Sequences: unique; increasing in the order segments were recorded; within one run contiguous from the start of
     * a fresh block of {@value #BLOCK} (the lease), each run in a higher block than the run before.
     */
    private static List<String> sequenceProblems(List<Segment> segments, List<Run> runs) {
        List<String> problems = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Segment s : segments) {
            if (!seen.add(s.sequence())) {
                problems.add("sequence " + s.sequence() + " used twice");
            }
        }
        List<Segment> byTime = new ArrayList<>(segments);
        byTime.sort((a, b) -> Long.compare(a.startMonoNanos(), b.startMonoNanos()));
        for (int i = 1; i < byTime.size(); i++) {
            if (byTime.get(i).sequence() <= byTime.get(i - 1).sequence()) {
                problems.add(byTime.get(i).name() + " was recorded after " + byTime.get(i - 1).name()
                        + " but is not numbered after it");
            }
        }
        String bootId = segments.isEmpty() ? "" : segments.get(0).bootId();
        for (Segment s : segments) {
            if (!s.bootId().equals(bootId)) {
                problems.add(s.name() + ": boot id " + s.bootId() + ", others " + bootId);
            }
            if (runs.stream().filter(r -> inRun(s, r)).count() != 1) {
                problems.add(s.name() + " starts at " + s.startMonoNanos() + " ns, inside no run");
            }
        }
        long previousBlock = -1;
        for (Run r : runs) {
            List<Segment> own = inRun(segments, r);
            if (own.isEmpty()) {
                problems.add(r.name() + " committed no segment");
                continue;
            }
            long first = own.get(0).sequence();
            if (first % BLOCK != 0 || first / BLOCK <= previousBlock) {
                problems.add(r.name() + " starts at sequence " + first + ", not at a fresh block after block "
                        + previousBlock);
            }
            previousBlock = own.get(own.size() - 1).sequence() / BLOCK;
            for (int i = 1; i < own.size(); i++) {
                if (own.get(i).sequence() != own.get(i - 1).sequence() + 1) {
                    problems.add(r.name() + ": sequence jumps from " + own.get(i - 1).sequence() + " to "
                            + own.get(i).sequence());
                }
            }
        }
        return problems;
    }

    /**
     * Within a run the segments follow one another without a gap in time and hold a frame per 1/25 s; the footage
     * after the last one (lost with the kill) is no longer than the segment in progress.
     */
    private static List<String> lostFootage(List<Segment> segments, List<Run> runs) {
        List<String> problems = new ArrayList<>();
        for (Run r : runs) {
            List<Segment> own = inRun(segments, r);
            for (int i = 0; i < own.size(); i++) {
                Segment s = own.get(i);
                // The last segment of a clean stop ends at the stop, not where a next frame would start.
                boolean endsAtStop = r == runs.get(runs.size() - 1) && i == own.size() - 1;
                if (!endsAtStop && Math.abs(s.frames() - s.seconds() * FPS) > 1.01) {
                    problems.add(r.name() + ": " + s.name() + " spans " + s.seconds() + " s but holds " + s.frames()
                            + " frames");
                }
                if (i > 0 && s.startMonoNanos() != own.get(i - 1).endMonoNanos()) {
                    problems.add(r.name() + ": " + String.format("%.3f", (s.startMonoNanos()
                            - own.get(i - 1).endMonoNanos()) / 1e9) + " s between " + own.get(i - 1).name() + " and "
                            + s.name());
                }
            }
            if (!own.isEmpty()) {
                double lost = (r.toNanos() - own.get(own.size() - 1).endMonoNanos()) / 1e9;
                if (lost > MAX_LOST_SECONDS) {
                    problems.add(r.name() + ": its last segment ends " + String.format("%.2f", lost)
                            + " s before the process was gone");
                }
            }
        }
        return problems;
    }

    /** A group of pictures that reaches back into an earlier run would need footage recorded before a restart. */
    private static List<String> groupsWithinOneRun(List<Segment> segments, List<Run> runs) {
        List<String> problems = new ArrayList<>();
        for (List<Segment> group : SpoolFolder.groupsOfPictures(segments)) {
            long runsTouched = runs.stream().filter(r -> group.stream().anyMatch(s -> inRun(s, r))).count();
            if (runsTouched != 1) {
                problems.add(SpoolFolder.describe(group) + " spans " + runsTouched + " runs");
            }
        }
        return problems;
    }

    private static String summary(List<Segment> own, Run r) {
        String removed = r.removedAtStart().isEmpty() ? "" : "; recovery at start: " + r.removedAtStart();
        if (own.isEmpty()) {
            return "no segments" + removed;
        }
        return own.size() + " segments, " + own.get(0).sequence() + ".." + own.get(own.size() - 1).sequence() + ", "
                + own.stream().mapToInt(Segment::frames).sum() + " frames, last ends "
                + String.format("%.2f", (r.toNanos() - own.get(own.size() - 1).endMonoNanos()) / 1e9)
                + " s before the process was gone" + removed;
    }

    private static List<Segment> inRun(List<Segment> segments, Run r) {
        return segments.stream().filter(s -> inRun(s, r)).toList();
    }

    private static boolean inRun(Segment s, Run r) {
        return s.startMonoNanos() >= r.fromNanos() && s.startMonoNanos() <= r.toNanos();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
