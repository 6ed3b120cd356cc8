package cairn.lab.codecbench;

import java.util.List;

/**
 * The runs codec-bench performs, in report order. Cairn's own run goes first in this list: it
 * drives the appliance's analysis, encoder and segmenter into TS segments under its work
 * directory and scores them with {@link MpegTsViewer#watch}. The strongest plain baseline,
 * {@code x264-crf-long-gop} (Cairn's CRF, cap, buffer, preset and longest key interval; nothing
 * else of Cairn's), comes last so the first four keep their places.
 */
public final class BenchRuns {

    private BenchRuns() {}

    /** The reference x264 run at Cairn's own CRF. */
    public static final String CRF_LONG_GOP = "x264-crf-long-gop";

    public static List<BenchRun> all(BenchSettings settings, CairnEncoding cairn) {
        return List.of(
                new CairnRun(settings),
                new X264Run("h264-fixed-rate", settings.fixedRateX264()),
                new SeedFrameDiffRun(),
                new SeedSimilarityRleRun(),
                new X264Run(CRF_LONG_GOP, cairn.reference(settings, cairn.crf())));
    }
}
