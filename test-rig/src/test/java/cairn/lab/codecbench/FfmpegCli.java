package cairn.lab.codecbench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's ffmpeg CLI for integration tests: generated clips and an independent SSIM. */
final class FfmpegCli {

    private FfmpegCli() {}

    /** Runs {@code ffmpeg -nostdin -v error ARGS}; returns stderr, fails on a non-zero exit. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
        return new String(output, StandardCharsets.UTF_8);
    }

    /** A lossless FFV1 clip of FFmpeg's moving test pattern, with temporal noise of the given strength (0 for none). */
    static Path testPattern(Path file, int width, int height, int fps, double seconds, int noise) throws IOException, InterruptedException {
        String filter = noise > 0 ? "noise=alls=" + noise + ":allf=t,format=yuv420p" : "format=yuv420p";
        run("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds,
                "-vf", filter, "-c:v", "ffv1", file.toString());
        return file;
    }

    static GreyImage[] readGreyFrames(Path raw, int width, int height) throws IOException {
        byte[] all = Files.readAllBytes(raw);
        int size = width * height;
        GreyImage[] frames = new GreyImage[all.length / size];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new GreyImage(width, height, java.util.Arrays.copyOfRange(all, i * size, (i + 1) * size));
        }
        return frames;
    }
}
