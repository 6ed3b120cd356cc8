package cairn.lab.codecbench;

import java.util.List;

/**
 * What the runs are asked to do: the target bitrate, the x264 preset both H.264 runs use, the
 * reference's tune, and config overrides for the cairn run.
 */
public record BenchSettings(int kbps, String x264Preset, String x264Tune, List<String> cairnSets) {
    public BenchSettings {
        cairnSets = List.copyOf(cairnSets);
    }


    public static final int DEFAULT_KBPS = 300;

    public X264Settings fixedRateX264() {
        return X264Settings.liveStreaming(kbps, x264Preset, x264Tune);
    }
}
