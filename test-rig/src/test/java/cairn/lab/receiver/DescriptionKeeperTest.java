package cairn.lab.receiver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cairn.segment.SegmentInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class DescriptionKeeperTest {

    @TempDir
    Path dir;

    /** Writes a description the way the spool does (temporary file, then rename), and deletes it soon after. */
    private static void appearBriefly(Path spool, String camera, long sequence, long lifeMillis) throws Exception {
        Path cameraDir = Files.createDirectories(spool.resolve(camera));
        SegmentInfo info = new SegmentInfo(camera, "boot", sequence, 0, 1, 0, 1, false, true, 1, 10, "ab", 2, 2, 0, "h264");
        Path temp = cameraDir.resolve("x.tmp");
        new ObjectMapper().writeValue(temp.toFile(), info);
        Path json = cameraDir.resolve(String.format("%012d.json", sequence));
        Files.move(temp, json, StandardCopyOption.ATOMIC_MOVE);
        Thread.sleep(lifeMillis);
        Files.delete(json);
    }

    @Test
    void keepsEveryDescriptionThatAppearsEvenWhenItIsDeletedSoonAfter() throws Exception {
        Path spool = dir.resolve("spool");
        Path copies = dir.resolve("produced");
        try (DescriptionKeeper keeper = DescriptionKeeper.start(spool, copies)) {
            Thread.sleep(200);
            for (long seq = 0; seq < 20; seq++) {
                appearBriefly(spool, seq % 2 == 0 ? "cam1" : "cam2", seq, 100);
            }
            assertEquals(20, keeper.copied(), "copied while they existed");
        }

        List<SegmentInfo> kept = ProducedSegments.read(copies);
        assertEquals(20, kept.size());
        assertEquals(10, kept.stream().filter(s -> s.camera().equals("cam2")).count());
    }
}
