package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.Lab;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 1, unit = TimeUnit.MINUTES)
class LinkCommandIT {

    @TempDir
    Path dir;

    @Test
    void runsForItsDurationPrintingASecondPerLineAndWritesTheTimeline() throws Exception {
        Path trace = dir.resolve("steady.up");
        MahimahiTrace.constant(600).write(trace);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (LoopbackSink sink = new LoopbackSink(false)) {
            int exit = Lab.run(new String[] {"link", "--to", String.valueOf(sink.address().getPort()), "--uplink-trace",
                trace.toString(), "--outage", "1+1", "--duration", "3", "--timeline", dir.resolve("t.json").toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("READY 127.0.0.1:"), text);
        assertEquals(2 + 3, text.lines().count(), text);
        assertTrue(text.lines().skip(3).findFirst().orElseThrow().contains("DOWN"), text);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("t.json").toFile());
        assertEquals("steady.up", json.path("uplink_trace").asText());
        assertEquals(3, json.path("seconds").size());
        assertEquals(0, json.path("seconds").path(1).path("uplink").path("capacityBytes").asLong());
        assertEquals(75_000 - 1500, json.path("seconds").path(0).path("uplink").path("capacityBytes").asLong(),
                "600 kbit/s, without the packet at time 0 of the first loop");
    }
}
