package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class TestClipsIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"motion", "still", "ramp"})
    void everyKindOfClipHasTheRequestedFormat(String kind) throws IOException {
        ClipFormat format = new ClipFormat(176, 144, 12, 1.5);
        Path clip = switch (kind) {
            case "motion" -> TestClips.motion(dir, format);
            case "still" -> TestClips.stillWithNoise(dir, format);
            default -> TestClips.brightnessRamp(dir, format);
        };

        VideoProbe probe = new Ffprobe().probe(clip);

        assertEquals(List.of("h264", 176, 144, 18L), List.of(probe.codec(), probe.width(), probe.height(), probe.frames()));
        assertEquals(1.5, probe.durationSeconds(), 0.05);
    }
}
