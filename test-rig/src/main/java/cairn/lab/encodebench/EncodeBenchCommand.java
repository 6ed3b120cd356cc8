package cairn.lab.encodebench;

import cairn.app.Pipelines;
import cairn.config.CairnConfig;
import cairn.config.ConfigException;
import cairn.config.ConfigLoader;
import cairn.lab.Subcommand;
import cairn.lab.UsageException;
import cairn.lab.codecbench.CairnPath;
import cairn.lab.codecbench.SourceVideo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab encode-bench}: how fast Cairn's own path (analysis, still-tile filter, encoder,
 * segmenter, spool with its fsyncs) turns frames into segments, against the ffmpeg command line
 * with the same encoder and settings on the same frames. Both read frames already decoded (Cairn
 * from memory, ffmpeg a raw file from the page cache); rounds alternate so that load on this shared
 * machine hits both alike, and the medians are compared.
 */
public final class EncodeBenchCommand implements Subcommand {
  private static final String USAGE = """
      usage: test-rig/lab encode-bench --input VIDEO --out DIR [--seconds N] [--rounds R] [--set KEY=VALUE]...

      Times Cairn's recording path and `ffmpeg -c:v libx264` with the same settings on the same
      frames (the first N seconds of VIDEO, default 20), R rounds each (default 3), alternating.
      Writes DIR/report.json and prints the frames per second of each and their ratio.
      --set changes a Cairn config key (it is passed to the ffmpeg side where it maps to x264).
      """;

  @Override
  public String name() {
    return "encode-bench";
  }

  @Override
  public String summary() {
    return "encoding throughput of Cairn's path against the ffmpeg command line, same settings";
  }

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (i + 1 >= args.size() || !List.of("--input", "--out", "--seconds", "--rounds", "--set").contains(a)) {
        throw new UsageException(a.startsWith("--") ? a + " is not a flag of encode-bench or needs a value"
            : "unexpected argument '" + a + "'");
      }
      if (a.equals("--set")) {
        sets.add(args.get(++i));
      } else {
        flags.put(a, args.get(++i));
      }
    }
    if (!flags.containsKey("--input") || !flags.containsKey("--out")) {
      throw new UsageException("--input and --out are required");
    }
    double seconds = number(flags.getOrDefault("--seconds", "20"), "--seconds");
    int rounds = (int) number(flags.getOrDefault("--rounds", "3"), "--rounds");
    try {
      return bench(Path.of(flags.get("--input")), Path.of(flags.get("--out")), seconds, rounds, sets, out, err);
    } catch (IOException | ConfigException | InterruptedException e) {
      err.println("encode-bench: " + e.getMessage());
      return 1;
    }
  }

  private static double number(String s, String flag) throws UsageException {
    try {
      double v = Double.parseDouble(s);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // Reported below.
    }
    throw new UsageException(flag + " must be a positive number, got '" + s + "'");
  }

  private int bench(Path input, Path outDir, double seconds, int rounds, List<String> sets, PrintStream out,
      PrintStream err) throws IOException, ConfigException, InterruptedException {
    Files.createDirectories(outDir);
    SourceVideo source = SourceVideo.open(input, OptionalDouble.of(seconds));
    List<byte[]> frames = new ArrayList<>();
    long[] nanos = new long[source.frames()];
    Path raw = outDir.resolve("input.yuv");
    try (OutputStream rawOut = Files.newOutputStream(raw)) {
      source.forEachFrame(f -> {
        frames.add(f.image().data());
        nanos[f.index()] = Math.round(f.seconds() * 1e9);
        rawOut.write(f.image().data());
      });
    }
    List<String> all = new ArrayList<>(List.of("encoder.codec=libx264"));
    all.addAll(sets);
    CairnConfig config = ConfigLoader.load(Optional.empty(), all);
    List<String> ffmpeg = ffmpegCommand(config, source, raw, outDir.resolve("ffmpeg.ts"));
    err.println("encode-bench: " + frames.size() + " frames of " + source.width() + "x" + source.height()
        + "; ffmpeg side: " + String.join(" ", ffmpeg));
    double[] cairnFps = new double[rounds];
    double[] ffmpegFps = new double[rounds];
    long kept = 0;
    for (int r = 0; r < rounds; r++) {
      long[] result = cairnRound(config, source, frames, nanos, outDir.resolve("cairn-spool"));
      cairnFps[r] = frames.size() / (result[0] / 1e9);
      kept = result[1];
      ffmpegFps[r] = frames.size() / (ffmpegRound(ffmpeg, outDir) / 1e9);
      err.printf("encode-bench: round %d: cairn %.1f fps, ffmpeg %.1f fps%n", r + 1, cairnFps[r], ffmpegFps[r]);
    }
    double cairn = median(cairnFps);
    double cli = median(ffmpegFps);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("input", Map.of("path", input.toString(), "width", source.width(), "height", source.height(),
        "fps", source.fps(), "frames", frames.size()));
    report.put("ffmpeg_command", String.join(" ", ffmpeg));
    report.put("rounds", rounds);
    report.put("cairn_fps", cairnFps);
    report.put("ffmpeg_fps", ffmpegFps);
    report.put("cairn_frames_encoded", kept);
    report.put("cairn_fps_median", cairn);
    report.put("ffmpeg_fps_median", cli);
    report.put("ratio", cairn / cli);
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(outDir.resolve("report.json").toFile(), report);
    out.printf("cairn  %.1f fps (median of %d; %d of %d frames encoded)%nffmpeg %.1f fps (median of %d)%n"
        + "ratio  %.2f%n", cairn, rounds, kept, frames.size(), cli, rounds, cairn / cli);
    return 0;
  }

  /** Returns {elapsed nanos, frames encoded}. */
  private static long[] cairnRound(CairnConfig config, SourceVideo source, List<byte[]> frames, long[] nanos,
      Path spoolDir) throws IOException {
    CairnPath.Result r = CairnPath.run(config, source.width(), source.height(), source.fps(), spoolDir, sink -> {
      for (int i = 0; i < frames.size(); i++) {
        sink.frame(i, nanos[i], frames.get(i));
      }
    });
    return new long[] {r.encodeNanos(), r.framesKept()};
  }

  private static long ffmpegRound(List<String> command, Path outDir) throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(outDir.resolve("ffmpeg.log").toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException("ffmpeg took longer than 10 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IOException("ffmpeg failed, see " + outDir.resolve("ffmpeg.log"));
    }
    return System.nanoTime() - start;
  }

  /** The command line equivalent of Cairn's encoder while in motion (its EFFICIENT profile). */
  static List<String> ffmpegCommand(CairnConfig c, SourceVideo s, Path raw, Path out) {
    int cap = c.encoder().maxKbps();
    return List.of("ffmpeg", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p",
        "-s", s.width() + "x" + s.height(), "-framerate", Double.toString(s.fps()), "-i", raw.toString(),
        "-c:v", "libx264", "-preset", c.encoder().preset(), "-crf", Integer.toString(Pipelines.encoderSettings(c).crfFor(s.width(), s.height())),
        "-maxrate", cap + "k", "-bufsize", (2 * cap) + "k", "-g", "1048576",
        "-x264-params", "scenecut=0", "-f", "mpegts", out.toString());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
