package cairn.lab.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the RTSP camera emulator shows: a video file played in an endless loop, or a live moving test pattern. */
public sealed interface CameraSource {

    /** The command-line arguments of rtsp-camera.py that select this source. */
    List<String> arguments();

    static CameraSource file(Path video) {
        return new VideoFile(video);
    }

    static CameraSource testPattern(int width, int height, int fps) {
        return new TestPattern(width, height, fps);
    }

    /** A video file in any container GStreamer's decodebin reads, served at its own size and frame rate. */
    record VideoFile(Path video) implements CameraSource {
        public VideoFile {
            if (!Files.isRegularFile(video)) {
                throw new IllegalArgumentException("Camera source file " + video + " does not exist or is not a file.");
            }
            video = video.toAbsolutePath();
        }

        @Override
        public List<String> arguments() {
            return List.of("--file", video.toString());
        }
    }

    /** GStreamer's live SMPTE pattern, scrolling, with a clock overlay. */
    record TestPattern(int width, int height, int fps) implements CameraSource {
        public TestPattern {
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException(
                        "Test pattern size must be positive and even, got " + width + "x" + height + ".");
            }
            if (fps <= 0 || fps > 120) {
                throw new IllegalArgumentException("Test pattern fps must be 1 to 120, got " + fps + ".");
            }
        }

        @Override
        public List<String> arguments() {
            return List.of("--testsrc", "--width", Integer.toString(width), "--height", Integer.toString(height),
                    "--fps", Integer.toString(fps));
        }
    }
}
