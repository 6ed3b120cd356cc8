package cairn.lab.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class FfprobeOutputTest {

    @Test
    void readsStreamFormatAndFrames() throws IOException {
        String json = """
                {"frames": [
                   {"key_frame": 1, "pts_time": "1.600000", "best_effort_timestamp_time": "1.600000"},
                   {"key_frame": 0, "best_effort_timestamp_time": "1.700000"},
                   {"key_frame": 0, "pts_time": "N/A"},
                   {"key_frame": 0, "pts_time": "1.900000"}],
                 "streams": [{"codec_name": "h264", "width": 320, "height": 240, "nb_read_frames": "4"}],
                 "format": {"duration": "0.400000"}}
                """;

        assertEquals(new VideoProbe("h264", 320, 240, 4, 0.4, 1.6, 1.9, true), Ffprobe.parse(json, "x.ts"));
    }

    @Test
    void noKeyFrameAndNoDurationAreReportedAsSuch() throws IOException {
        String json = """
                {"frames": [{"key_frame": 0, "pts_time": "2.0"}],
                 "streams": [{"codec_name": "h264", "width": 2, "height": 2, "nb_read_frames": "1"}],
                 "format": {}}
                """;

        VideoProbe probe = Ffprobe.parse(json, "x.ts");

        assertEquals(false, probe.hasKeyFrame());
        assertEquals(Double.NaN, probe.durationSeconds());
    }

    @Test
    void noVideoStreamIsAnError() {
        IOException failure = assertThrows(IOException.class, () -> Ffprobe.parse("{\"streams\": []}", "song.mp3"));
        assertEquals("ffprobe found no video stream in song.mp3.", failure.getMessage());
    }
}
