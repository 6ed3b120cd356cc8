package cairn.lab.codecbench;

/** What the runs are asked to do: the target bitrate and the x264 preset and tune Cairn uses. */
public record BenchSettings(int kbps, String x264Preset, String x264Tune) {

    public static final int DEFAULT_KBPS = 300;

    public X264Settings fixedRateX264() {
        return X264Settings.liveStreaming(kbps, x264Preset, x264Tune);
    }
}
