package cairn.lab.codecbench;

/**
 * How a reference run drives libx264. Constant bitrate ({@code crf} is {@link #NO_CRF}): maxrate =
 * target, VBV buffer {@code bufferSeconds} of it, a key frame every {@code keyFrameSeconds}, B-frames
 * as the preset sets them: the usual live-streaming settings (no latency tune, like a streaming PC's
 * encoder). With a {@code crf}: that quality under the same kind of cap ({@code kbps} is then only
 * the maxrate), everything else the preset's defaults: the plain one-line ffmpeg command.
 */
public record X264Settings(int kbps, String preset, String tune, double bufferSeconds, double keyFrameSeconds,
        int crf) {

    public static final String DEFAULT_PRESET = "veryfast";
    /** Tune value meaning "no --tune at all". */
    public static final String NO_TUNE = "none";
    public static final String DEFAULT_TUNE = NO_TUNE;
    /** {@code crf} of a constant-bitrate run. */
    public static final int NO_CRF = -1;

    public X264Settings {
        if (kbps <= 0) {
            throw new IllegalArgumentException("kbps must be positive, got " + kbps);
        }
    }

    public static X264Settings liveStreaming(int kbps, String preset, String tune) {
        return new X264Settings(kbps, preset, tune, 2.0, 2.0, NO_CRF);
    }

    /** {@code -crf crf -maxrate kbps -bufsize (bufferSeconds x kbps) -g (keyFrameSeconds x fps)}. */
    public static X264Settings crfUnderCap(int crf, int kbps, String preset, double bufferSeconds,
            double keyFrameSeconds) {
        return new X264Settings(kbps, preset, NO_TUNE, bufferSeconds, keyFrameSeconds, crf);
    }

    public boolean constantRate() {
        return crf == NO_CRF;
    }

    public int gopFrames(double fps) {
        return Math.max(1, (int) Math.round(keyFrameSeconds * fps));
    }
}
