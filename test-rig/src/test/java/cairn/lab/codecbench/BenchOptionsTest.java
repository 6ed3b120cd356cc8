package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchOptionsTest {

    @TempDir
    Path dir;

    private Path clip() throws IOException {
        return Files.writeString(dir.resolve("clip.avi"), "not really a video");
    }

    private String error(String... args) {
        return assertThrows(UsageException.class, () -> BenchOptions.parse(List.of(args))).getMessage();
    }

    @Test
    void defaultsTo300KbpsAndTheWholeClip() throws Exception {
        BenchOptions options = BenchOptions.parse(List.of("--input", clip().toString(), "--out", dir.resolve("out").toString()));
        assertEquals(300, options.settings().kbps());
        assertTrue(options.seconds().isEmpty());
        assertEquals("veryfast", options.settings().x264Preset());
        assertEquals("none", options.settings().x264Tune());
    }

    @Test
    void acceptsFlagEqualsValue() throws Exception {
        BenchOptions options = BenchOptions.parse(List.of("--input=" + clip(), "--out=" + dir, "--kbps=150", "--seconds=2.5"));
        assertEquals(150, options.settings().kbps());
        assertEquals(2.5, options.seconds().getAsDouble());
    }

    @Test
    void errorsNameTheFlag() throws Exception {
        String input = clip().toString();
        assertTrue(error("--out", "o").contains("--input is required"));
        assertTrue(error("--input", input).contains("--out is required"));
        assertTrue(error("--input", dir.resolve("missing.avi").toString(), "--out", "o").contains("--input"));
        assertTrue(error("--input", input, "--out", input).contains("--out"));
        assertTrue(error("--input", input, "--out", "o", "--kbps", "fast").contains("--kbps must be a positive"));
        assertTrue(error("--input", input, "--out", "o", "--kbps", "0").contains("--kbps"));
        assertTrue(error("--input", input, "--out", "o", "--seconds", "-1").contains("--seconds must be a positive"));
        assertTrue(error("--input", input, "--out", "o", "--seconds").contains("--seconds needs a value"));
        assertTrue(error("--input", input, "--out", "o", "--input", input).contains("given twice"));
        assertTrue(error("--input", input, "--out", "o", "stray").contains("unexpected argument 'stray'"));
    }
}
