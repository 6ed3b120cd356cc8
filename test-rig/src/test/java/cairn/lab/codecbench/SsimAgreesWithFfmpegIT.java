package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SSIM against FFmpeg's {@code ssim} filter (x264's code) on grey frames of a test pattern
 * and a low-bitrate x264 encoding of it. Both use 8x8 windows every 4 pixels; FFmpeg differs in
 * two constants (its C1 is 64 times smaller, its C2 uses sample rather than population variance),
 * which only matter in flat, dark windows. Measured here: at most 0.0013 apart per frame on values
 * down to 0.78; the tolerance leaves about four times that.
 */
class SsimAgreesWithFfmpegIT {

    private static final int WIDTH = 320;
    private static final int HEIGHT = 240;
    private static final double TOLERANCE = 0.005;

    @TempDir
    Path dir;

    @Test
    void perFrameSsimMatchesFfmpegsFilter() throws Exception {
        Path reference = dir.resolve("reference.gray");
        Path distorted = dir.resolve("distorted.gray");
        Path encoded = dir.resolve("distorted.mp4");
        FfmpegCli.run("-f", "lavfi", "-i", "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=10:duration=3",
                "-pix_fmt", "gray", "-f", "rawvideo", reference.toString());
        FfmpegCli.run("-f", "rawvideo", "-pix_fmt", "gray", "-s", WIDTH + "x" + HEIGHT, "-r", "10", "-i", reference.toString(),
                "-vf", "noise=alls=30:allf=t", "-c:v", "libx264", "-b:v", "40k", "-pix_fmt", "yuv420p", encoded.toString());
        FfmpegCli.run("-i", encoded.toString(), "-pix_fmt", "gray", "-f", "rawvideo", distorted.toString());
        Path stats = dir.resolve("ssim.log");
        FfmpegCli.run("-f", "rawvideo", "-pix_fmt", "gray", "-s", WIDTH + "x" + HEIGHT, "-i", distorted.toString(),
                "-f", "rawvideo", "-pix_fmt", "gray", "-s", WIDTH + "x" + HEIGHT, "-i", reference.toString(),
                "-lavfi", "ssim=stats_file=" + stats, "-f", "null", "-");

        List<Double> ffmpeg = parseStats(stats);
        GreyImage[] ours = FfmpegCli.readGreyFrames(reference, WIDTH, HEIGHT);
        GreyImage[] theirs = FfmpegCli.readGreyFrames(distorted, WIDTH, HEIGHT);
        assertEquals(30, ffmpeg.size());
        assertEquals(ffmpeg.size(), ours.length);

        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            double difference = Math.abs(QualityMeter.ssim(ours[i], theirs[i]) - ffmpeg.get(i));
            worst = Math.max(worst, difference);
        }
        double lowest = ffmpeg.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.printf("SSIM vs FFmpeg: largest difference %.5f, FFmpeg's values down to %.4f%n", worst, lowest);
        assertTrue(worst < TOLERANCE, "largest per-frame difference from FFmpeg's SSIM: " + worst);
        assertTrue(lowest < 0.9,
                "the distortion should be visible, or the comparison proves little");
    }

    private static List<Double> parseStats(Path stats) throws Exception {
        Pattern all = Pattern.compile("All:([0-9.]+)");
        List<Double> values = new ArrayList<>();
        for (String line : Files.readAllLines(stats)) {
            Matcher m = all.matcher(line);
            if (m.find()) {
                values.add(Double.parseDouble(m.group(1)));
            }
        }
        return values;
    }
}
