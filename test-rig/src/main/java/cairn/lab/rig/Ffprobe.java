package cairn.lab.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent checker: Debian's ffprobe and ffmpeg CLI tell what a file really holds, with no Cairn code involved.
 *
 * <p>Every method also takes a list of MPEG-TS segments of one camera, read as one stream in the given order (as a
 * player does), because an HLS segment that does not start with a key frame only decodes after its predecessor.
 * Calls block the caller's thread for at most the timeout given at construction; a tool that fails to run or
 * overruns makes the call throw {@link IOException}. Thread-safe.
 */
public final class Ffprobe {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    private static final String FFPROBE = "/usr/bin/ffprobe";
    private static final String FFMPEG = "/usr/bin/ffmpeg";
    private static final String LUMA_KEY = "lavfi.signalstats.YAVG=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;

    public Ffprobe() {
        this(DEFAULT_TIMEOUT);
    }

    public Ffprobe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Probes the first video stream, decoding every frame; throws when there is no readable video stream. */
    public VideoProbe probe(Path file) throws IOException {
        return probe(List.of(file));
    }

    public VideoProbe probe(List<Path> segments) throws IOException {
        String input = input(segments);
        CommandResult result = ExternalCommand.runChecked(List.of(FFPROBE, "-v", "error", "-select_streams", "v:0",
                "-count_frames", "-show_entries",
                "stream=codec_name,width,height,nb_read_frames:format=duration"
                        + ":frame=pts_time,best_effort_timestamp_time,key_frame",
                "-of", "json", input), timeout);
        return parse(result.stdout(), input);
    }

    /**
     * Decodes everything with {@code ffmpeg -v error} and returns the error lines it printed, in order; an empty list
     * means the file decodes cleanly. The output is timed at 90 kHz: Cairn's streams have a variable frame rate, and
     * frames closer together than ffmpeg's guessed frame interval (a burst when an RTSP camera connects) would collide
     * in its default encoder time base, and the null muxer would report "non monotonically increasing dts" for frames
     * that all decode.
     */
    public List<String> decodesCleanly(Path file) throws IOException {
        return decodesCleanly(List.of(file));
    }

    public List<String> decodesCleanly(List<Path> segments) throws IOException {
        CommandResult result = ExternalCommand.run(
                List.of(FFMPEG, "-nostdin", "-v", "error", "-i", input(segments), "-enc_time_base", "1/90000", "-f",
                        "null", "-"), timeout);
        List<String> errors = new ArrayList<>(result.stderrLines());
        if (!result.succeeded() && errors.isEmpty()) {
            errors.add("ffmpeg exited with code " + result.exitCode());
        }
        return errors;
    }

    /** The mean luma (0–255) of each decoded frame, in order: a cheap fingerprint of what a video shows over time. */
    public List<Double> lumaPerFrame(Path file) throws IOException {
        return lumaPerFrame(List.of(file));
    }

    public List<Double> lumaPerFrame(List<Path> segments) throws IOException {
        CommandResult result = ExternalCommand.runChecked(List.of(FFMPEG, "-nostdin", "-v", "error",
                "-i", input(segments), "-map", "0:v:0",
                "-vf", "signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-", "-f", "null", "-"), timeout);
        return result.stdout().lines()
                .filter(line -> line.startsWith(LUMA_KEY))
                .map(line -> Double.parseDouble(line.substring(LUMA_KEY.length())))
                .toList();
    }

    static VideoProbe parse(String json, String input) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode stream = root.path("streams").path(0);
        if (stream.isMissingNode()) {
            throw new IOException("ffprobe found no video stream in " + input + ".");
        }
        double first = Double.NaN;
        double last = Double.NaN;
        boolean keyFrame = false;
        for (JsonNode frame : root.path("frames")) {
            double pts = seconds(frame.has("pts_time") ? frame.get("pts_time") : frame.path("best_effort_timestamp_time"));
            if (!Double.isNaN(pts)) {
                first = Double.isNaN(first) ? pts : first;
                last = pts;
            }
            keyFrame |= frame.path("key_frame").asInt() == 1;
        }
        return new VideoProbe(stream.path("codec_name").asText(), stream.path("width").asInt(),
                stream.path("height").asInt(), stream.path("nb_read_frames").asLong(),
                seconds(root.path("format").path("duration")), first, last, keyFrame);
    }

    private static double seconds(JsonNode value) {
        try {
            return value.isMissingNode() ? Double.NaN : Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** One file as {@code file:PATH}; several as ffmpeg's byte-level {@code concat:} protocol. */
    private static String input(List<Path> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("At least one file to probe is needed.");
        }
        if (segments.size() == 1) {
            return "file:" + segments.get(0).toAbsolutePath();
        }
        List<String> paths = new ArrayList<>();
        for (Path segment : segments) {
            String path = segment.toAbsolutePath().toString();
            if (path.contains("|")) {
                throw new IllegalArgumentException("Segment path " + path + " contains '|', which ffmpeg's concat: protocol cannot read.");
            }
            paths.add(path);
        }
        return "concat:" + String.join("|", paths);
    }
}
