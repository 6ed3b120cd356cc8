package cairn.lab.codecbench;

import java.util.List;

/**
 * The runs codec-bench performs, in report order. Cairn's own run goes first in this list: it
 * drives the appliance's analysis, encoder and segmenter into TS segments under its work
 * directory and scores them with {@link MpegTsViewer#watch}.
 */
public final class BenchRuns {

    private BenchRuns() {}

    public static List<BenchRun> all(BenchSettings settings) {
        return List.of(
                new CairnRun(settings),
                new H264FixedRateRun(settings.fixedRateX264()),
                new SeedFrameDiffRun(),
                new SeedSimilarityRleRun());
    }
}
