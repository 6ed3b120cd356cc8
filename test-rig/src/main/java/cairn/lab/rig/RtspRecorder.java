package cairn.lab.rig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Records what an RTSP camera serves with Debian's ffmpeg (over TCP, stream copied, no re-encoding) into an MPEG-TS
 * file, to be checked with {@link Ffprobe}. Blocks the caller's thread for at most the given timeout; throws
 * {@link IOException} when ffmpeg cannot connect, fails, or overruns.
 */
public final class RtspRecorder {

    private static final String FFMPEG = "/usr/bin/ffmpeg";
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);

    private RtspRecorder() {}

    /**
     * Records the first {@code frames} video frames the camera sends. (Counting frames rather than using {@code -t}:
     * a client joining a shared stream late gets less than {@code -t} asks for, as ffmpeg counts from the stream's
     * first timestamp, not the client's.)
     */
    public static Path recordFrames(URI camera, long frames, Path out, Duration timeout) throws IOException {
        ExternalCommand.runChecked(List.of(FFMPEG, "-nostdin", "-v", "error", "-y",
                "-rtsp_transport", "tcp", "-timeout", Long.toString(SOCKET_TIMEOUT.toNanos() / 1000),
                "-i", camera.toString(), "-map", "0:v:0", "-c", "copy", "-frames:v", Long.toString(frames),
                "-f", "mpegts", out.toString()), timeout);
        return out;
    }
}
