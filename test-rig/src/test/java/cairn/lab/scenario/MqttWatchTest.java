package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttWatchTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatMosquittoSubWroteIncludingPayloadsWithLineBreaks() throws Exception {
        Path file = Files.writeString(dir.resolve("messages.txt"), """
                1795245939.536994903 1 cairn/x/state 6f6e6c696e65
                1795245939.540385335 0 cairn/x/health 7b2261223a0a317d
                1795245940.000000000 0 cairn/x/event
                1795245941.0 0 cairn/x/stat""");
        List<MqttWatch.Message> m = MqttWatch.read(file);
        assertEquals(4, m.size());
        assertEquals("online", m.get(0).text());
        assertTrue(m.get(0).retained());
        assertEquals("{\"a\":\n1}", m.get(1).text());
        assertEquals(0, m.get(2).payload().length);
        assertEquals(1795245939.536994903, m.get(0).epochSeconds(), 1e-6);
    }
}
