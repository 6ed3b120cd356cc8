package cairn.lab.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.NoChildProcessesLeft;
import cairn.lab.rig.SmallDisk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user sees when {@code storage.dir} cannot be used or is taken, through the real process: one line naming
 * {@code storage.dir}, the path and what is wrong, no stack trace, and exit code 3 (4 when another Cairn holds the
 * folder) — never 0, which would tell systemd the service stopped cleanly.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class StartupFaultsIT {

    private static final int STORAGE = 3;
    private static final int IN_USE = 4;
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> SMALL_CAMERA = List.of("--set", "camera.cam1.width=320", "--set",
            "camera.cam1.height=240");

    @TempDir
    Path dir;

    @Test
    void aMissingParentFolderIsNamed() throws IOException {
        Path data = dir.resolve("nope").resolve("data");
        assertOneLine(run(List.of(), data), STORAGE,
                "storage error: storage.dir " + data + ": its parent folder " + data.getParent() + " does not exist");
    }

    @Test
    void aFileWhereTheFolderShouldBe() throws IOException {
        Path data = Files.writeString(dir.resolve("data"), "not a folder");
        assertOneLine(run(List.of(), data), STORAGE, "storage error: storage.dir " + data + ": is a file, not a folder");
    }

    @Test
    void aFolderThisUserCannotWrite() throws IOException {
        Path data = Files.createDirectory(dir.resolve("data"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
        // root writes anywhere; without CAP_DAC_OVERRIDE it obeys the folder's mode like the service user would.
        List<String> wrapper = SmallDisk.available()
                ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : List.of();
        assertOneLine(run(wrapper, data), STORAGE, "storage error: storage.dir " + data
                + ": cannot be written (permission denied for user " + System.getProperty("user.name") + ")");
    }

    @Test
    void aReadOnlyFileSystem() throws IOException {
        assumeTrue(SmallDisk.available(), SmallDisk.unavailableReason());
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 4 << 20)) {
            disk.remountReadOnly();
            assertOneLine(run(List.of(), disk.root()), STORAGE,
                    "storage error: storage.dir " + disk.root() + ": cannot be written (read-only file system)");
        }
    }

    @Test
    void aDiskWithoutRoomForOneSegment() throws IOException {
        assumeTrue(SmallDisk.available(), SmallDisk.unavailableReason());
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 4 << 20)) {
            disk.fill(256 << 10);
            String line = assertOneLine(run(List.of(), disk.root()), STORAGE,
                    "storage error: storage.dir " + disk.root() + ": only ");
            assertTrue(line.contains("free, less than one segment"), line);
        }
    }

    @Test
    void noEnabledCameraIsAConfigError() throws IOException {
        assertOneLine(run(List.of(), dir.resolve("data"), "--set", "camera.cam1.enabled=false"), 2,
                "config error: --set: camera.cam1.enabled: no camera is enabled");
    }

    @Test
    void aSecondCairnOnTheSameFolderIsRefusedAndAKilledOneLeavesNoLockBehind() throws IOException {
        Path data = dir.resolve("data");
        try (ApplianceProcess first = ApplianceProcess.start(data, dir.resolve("first.log"), SMALL_CAMERA)) {
            first.waitForLog("cairn .* running", EXIT_TIMEOUT);
            assertOneLine(run(List.of(), data), IN_USE, "storage error: storage.dir " + data
                    + ": in use by another Cairn (pid " + first.pid() + ")");
            assertTrue(first.isAlive(), "the first one goes on");
            first.kill9();
        }
        assertTrue(Files.exists(data.resolve("cairn.lock")), "the killed process left its lock file");
        try (ApplianceProcess next = ApplianceProcess.start(data, dir.resolve("next.log"), SMALL_CAMERA)) {
            next.waitForLog("cairn .* running", EXIT_TIMEOUT);
            assertEquals(String.valueOf(next.pid()), Files.readString(data.resolve("cairn.lock")).strip());
            assertEquals(0, next.terminate(Duration.ofSeconds(25)), next.logText());
        }
    }

    private record Outcome(int exit, List<String> lines) {}

    private Outcome run(List<String> wrapper, Path data, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--set", "storage.dir=" + data));
        args.addAll(List.of(more));
        try (ApplianceProcess cairn = ApplianceProcess.startWrapped(wrapper, dir.resolve("cairn.log"), args)) {
            int exit = cairn.waitForExit(EXIT_TIMEOUT);
            return new Outcome(exit, cairn.logLines().stream().filter(l -> !l.isBlank()).toList());
        }
    }

    /** Exactly one line on stderr, starting with {@code start}, and the exit code; returns the line. */
    private static String assertOneLine(Outcome o, int exit, String start) {
        assertEquals(1, o.lines().size(), "one line, no stack trace: " + o.lines());
        assertTrue(o.lines().get(0).startsWith(start), "stderr: " + o.lines().get(0));
        assertEquals(exit, o.exit(), "exit code; stderr: " + o.lines());
        return o.lines().get(0);
    }
}
