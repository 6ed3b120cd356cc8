package cairn.lab.codecbench;

import cairn.lab.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/** The command line of {@code lab codec-bench}, parsed and checked; errors name the flag. */
public record BenchOptions(Path input, Path out, OptionalDouble seconds, BenchSettings settings) {

    static final String USAGE = """
            usage: test-rig/lab codec-bench --input VIDEO --out DIR [--kbps K] [--seconds N]
                                            [--x264-preset P] [--x264-tune T] [--set KEY=VALUE]...

            Sends VIDEO through each benchmark run, measures bytes, bitrate, frames out, the
            viewer's SSIM/PSNR on luma and encoding speed, writes DIR/report.json and prints a table.

              --input VIDEO      video file to read (any format FFmpeg reads)
              --out DIR          output directory (created; each run gets DIR/RUN-NAME/)
              --kbps K           target bitrate of the fixed-rate reference, kbit/s (default 300)
              --seconds N        use only the first N seconds of VIDEO
              --x264-preset P    x264 preset of the fixed-rate reference (default veryfast)
              --x264-tune T      x264 tune of the fixed-rate reference (default none)
              --set KEY=VALUE    a Cairn config key for the cairn run, as appliance/cairn --set
            """;

    private static final Set<String> FLAGS = Set.of("--input", "--out", "--kbps", "--seconds", "--x264-preset", "--x264-tune");

    public static BenchOptions parse(List<String> args) throws UsageException {
        Map<String, String> values = new HashMap<>();
        List<String> cairnSets = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--set")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--set needs KEY=VALUE");
                }
                cairnSets.add(args.get(++i));
                continue;
            }
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!FLAGS.contains(flag)) {
                throw new UsageException(arg.startsWith("-") ? "unknown flag '" + flag + "'" : "unexpected argument '" + arg + "'");
            }
            String value;
            if (arg.contains("=")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(flag + " needs a value");
            }
            if (values.put(flag, value) != null) {
                throw new UsageException(flag + " is given twice");
            }
        }
        Path input = Path.of(required(values, "--input"));
        if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
            throw new UsageException("--input '" + input + "' is not a readable file");
        }
        Path out = Path.of(required(values, "--out"));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out '" + out + "' exists and is not a directory");
        }
        int kbps = values.containsKey("--kbps") ? positiveInt(values.get("--kbps")) : BenchSettings.DEFAULT_KBPS;
        OptionalDouble seconds = values.containsKey("--seconds") ? OptionalDouble.of(positiveSeconds(values.get("--seconds"))) : OptionalDouble.empty();
        String preset = values.getOrDefault("--x264-preset", X264Settings.DEFAULT_PRESET);
        String tune = values.getOrDefault("--x264-tune", X264Settings.DEFAULT_TUNE);
        return new BenchOptions(input, out, seconds, new BenchSettings(kbps, preset, tune, cairnSets));
    }

    private static String required(Map<String, String> values, String flag) throws UsageException {
        String value = values.get(flag);
        if (value == null || value.isBlank()) {
            throw new UsageException(flag + " is required");
        }
        return value;
    }

    private static int positiveInt(String text) throws UsageException {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value <= 0) {
            throw new UsageException("--kbps must be a positive whole number of kbit/s, got '" + text + "'");
        }
        return value;
    }

    private static double positiveSeconds(String text) throws UsageException {
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new UsageException("--seconds must be a positive number, got '" + text + "'");
        }
        return value;
    }
}
