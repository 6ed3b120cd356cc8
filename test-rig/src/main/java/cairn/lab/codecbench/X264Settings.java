package cairn.lab.codecbench;

/**
 * How the fixed-rate reference drives libx264: constant bitrate (maxrate = target, VBV buffer
 * {@code bufferSeconds} of it), a key frame every {@code keyFrameSeconds}, B-frames as the preset
 * sets them: the usual live-streaming settings (no latency tune, like a streaming PC's encoder).
 */
public record X264Settings(int kbps, String preset, String tune, double bufferSeconds, double keyFrameSeconds) {

    public static final String DEFAULT_PRESET = "veryfast";
    /** Tune value meaning "no --tune at all". */
    public static final String NO_TUNE = "none";
    public static final String DEFAULT_TUNE = NO_TUNE;

    public X264Settings {
        if (kbps <= 0) {
            throw new IllegalArgumentException("kbps must be positive, got " + kbps);
        }
    }

    public static X264Settings liveStreaming(int kbps, String preset, String tune) {
        return new X264Settings(kbps, preset, tune, 2.0, 2.0);
    }

    public int gopFrames(double fps) {
        return Math.max(1, (int) Math.round(keyFrameSeconds * fps));
    }
}
