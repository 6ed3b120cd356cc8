package cairn.lab.rig;

/**
 * What ffprobe found in the first video stream of a file (or of segments read as one stream); times in seconds,
 * {@code NaN} where ffprobe reported none.
 *
 * @param frames frames the decoder actually produced ({@code -count_frames}), not what the container claims
 * @param firstPtsSeconds presentation time of the first decoded frame
 * @param lastPtsSeconds presentation time of the last decoded frame
 */
public record VideoProbe(String codec, int width, int height, long frames, double durationSeconds,
        double firstPtsSeconds, double lastPtsSeconds, boolean hasKeyFrame) {

    /** Time from the first to the last decoded frame. */
    public double ptsSpanSeconds() {
        return lastPtsSeconds - firstPtsSeconds;
    }
}
