package cairn.lab.codecbench;

import cairn.app.Pipelines;
import cairn.config.CairnConfig;
import cairn.config.ConfigException;
import cairn.config.ConfigLoader;
import cairn.encode.EncoderSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What Cairn's encoder does for the cairn run's config (the bench's cap and preset, then its
 * {@code --set}s): the CRF it picks for the source's size, its VBV buffer and its longest key
 * interval. The plain x264 reference is given the same, so only Cairn's own mechanisms differ.
 */
public record CairnEncoding(int crf, double bufferSeconds, double maxKeyIntervalSeconds) {

    public static CairnEncoding of(BenchSettings settings, int width, int height) throws IOException {
        CairnConfig c = config(settings, List.of("storage.dir=/nonexistent-codec-bench"));
        EncoderSettings e = Pipelines.encoderSettings(c);
        return new CairnEncoding(e.crfFor(width, height), e.bufferS(), c.encoder().maxKeyIntervalS());
    }

    /** The cairn run's config: the bench's settings, then {@code more}, then the {@code --set}s. */
    static CairnConfig config(BenchSettings settings, List<String> more) throws IOException {
        List<String> sets = new ArrayList<>();
        sets.add("storage.quota=1TiB");
        sets.add("encoder.codec=libx264");
        sets.add("encoder.preset=" + settings.x264Preset());
        sets.add("encoder.max_kbps=" + settings.kbps());
        sets.addAll(more);
        sets.addAll(settings.cairnSets());
        try {
            return ConfigLoader.load(Optional.empty(), sets);
        } catch (ConfigException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The plain x264 reference at {@code crfValue} under the bench's cap. */
    public X264Settings reference(BenchSettings settings, int crfValue) {
        return X264Settings.crfUnderCap(crfValue, settings.kbps(), settings.x264Preset(), bufferSeconds,
                maxKeyIntervalSeconds);
    }
}
