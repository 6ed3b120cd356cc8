package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.Lab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioOptionsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(String... args) {
        return Lab.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void readsEveryFlagOfTheContract() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.up"), "1\n2\n");
        ScenarioOptions o = ScenarioOptions.parse(List.of("--camera", "testsrc", "--uplink-trace", trace.toString(),
                "--downlink-trace", trace.toString(), "--rtt-ms", "120", "--outage", "120+60", "--outage", "200+10",
                "--duration", "300", "--out", dir.resolve("out").toString(), "--set", "encoder.max_kbps=400"));
        assertTrue(o.camera().isEmpty());
        assertEquals(120, o.rttMs());
        assertEquals(2, o.outages().size());
        assertEquals(300, o.durationS());
        assertEquals(List.of("encoder.max_kbps=400"), o.sets());
        assertEquals(70.0, o.outageSeconds());
        assertEquals(3 * 70 + 60, o.drainLimitS());
        assertEquals("testsrc", o.cameraName());
        assertTrue(o.fixedKbps().isEmpty(), "adaptive rate control unless asked");
        assertEquals(List.of("encoder.max_kbps=400"), o.applianceSets());
    }

    @Test
    void fixedKbpsTurnsRateControlOffThroughTheAppliancesOwnKey() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.up"), "1\n2\n");
        ScenarioOptions o = ScenarioOptions.parse(List.of("--camera", "testsrc", "--uplink-trace", trace.toString(),
                "--duration", "30", "--out", dir.resolve("out").toString(), "--fixed-kbps", "800", "--set",
                "link.modem=none"));
        assertEquals(800, o.fixedKbps().getAsLong());
        assertEquals(List.of("rate.fixed_kbps=800", "link.modem=none"), o.applianceSets());
        assertTrue(o.givesKey("link.modem"));
        assertTrue(!o.givesKey("link.modem_url"));
    }

    @Test
    void fixedKbpsMustBeAWholeNumberFrom30To50000AndGivenOnce() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.up"), "1\n2\n");
        String o = dir.resolve("out").toString();
        for (String bad : List.of("29", "50001", "0", "-800", "800.5", "1e3", "fast", "")) {
            err.reset();
            assertEquals(2, lab("scenario", "--camera", "testsrc", "--uplink-trace", trace.toString(), "--duration",
                    "10", "--out", o, "--fixed-kbps", bad), bad);
            String message = err.toString(StandardCharsets.UTF_8);
            assertTrue(message.startsWith("lab scenario: --fixed-kbps must be a whole number from 30 to 50000, got '"
                    + bad + "'"), message);
            assertEquals(1, message.lines().count(), message);
        }
        for (String good : List.of("30", "50000")) {
            assertEquals(Long.parseLong(good), ScenarioOptions.parse(List.of("--camera", "testsrc", "--uplink-trace",
                    trace.toString(), "--duration", "10", "--out", o, "--fixed-kbps", good)).fixedKbps().getAsLong());
        }
        err.reset();
        assertEquals(2, lab("scenario", "--camera", "testsrc", "--uplink-trace", trace.toString(), "--duration", "10",
                "--out", o, "--fixed-kbps", "800", "--fixed-kbps", "900"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--fixed-kbps is given twice"));
        err.reset();
        assertEquals(2, lab("scenario", "--camera", "testsrc", "--uplink-trace", trace.toString(), "--duration", "10",
                "--out", o, "--fixed-kbps", "800", "--set", "rate.fixed_kbps=900"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("give one"));
    }

    @Test
    void badCommandLinesGetOneLineNamingTheFlagAndExitCode2() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.up"), "1\n2\n");
        String t = trace.toString();
        String o = dir.resolve("out").toString();
        String[][] cases = {
            {"scenario", "--uplink-trace", t, "--duration", "10", "--out", o},
            {"scenario", "--camera", "nothing.mp4", "--uplink-trace", t, "--duration", "10", "--out", o},
            {"scenario", "--camera", "testsrc", "--uplink-trace", t, "--duration", "0", "--out", o},
            {"scenario", "--camera", "testsrc", "--uplink-trace", t, "--duration", "10", "--out", o, "--outage", "60"},
            {"scenario", "--camera", "testsrc", "--uplink-trace", t, "--duration", "10", "--out", o, "--outage", "20+5"},
            {"scenario", "--camera", "testsrc", "--uplink-trace", t, "--duration", "10", "--out", o, "--set", "x"},
            {"scenario", "--camera", "testsrc", "--uplink-trace", t, "--duration", "10", "--out", o, "--speed", "2"},
        };
        for (String[] c : cases) {
            err.reset();
            assertEquals(2, lab(c), String.join(" ", c));
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("lab scenario: "), message);
        }
    }

    @Test
    void refusesAnOutFolderThatIsNotEmpty() throws Exception {
        Path trace = Files.writeString(dir.resolve("t.up"), "1\n2\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("report.json"), "{}");
        assertEquals(2, lab("scenario", "--camera", "testsrc", "--uplink-trace", trace.toString(), "--duration", "5",
                "--out", out.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not empty"));
    }

    @Test
    void helpNamesEveryFlag() {
        assertEquals(0, lab("scenario", "--help"));
        for (String flag : List.of("--camera", "--uplink-trace", "--downlink-trace", "--rtt-ms", "--outage",
                "--duration", "--out", "--fixed-kbps", "--set")) {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(flag), flag);
        }
    }
}
