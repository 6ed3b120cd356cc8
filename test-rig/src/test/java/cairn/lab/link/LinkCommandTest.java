package cairn.lab.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.Lab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinkCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(String... args) {
        return Lab.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpNamesEveryFlag() {
        assertEquals(0, lab("link", "--help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--to", "--listen", "--uplink-trace", "--downlink-trace", "--rtt-ms", "--queue-bytes",
                "--outage", "--duration", "--timeline"}) {
            assertTrue(usage.contains(flag), flag);
        }
    }

    @Test
    void badCommandLinesGetOneLineNamingTheProblemAndExitCode2() {
        String[][] cases = {
            {"link", "--uplink-trace", "x"},
            {"link", "--to", "8080", "--outage", "60"},
            {"link", "--to", "99999"},
            {"link", "--to", "8080", "--queue-bytes", "100"},
            {"link", "--to", "8080", "--uplink-trace", "/no/such/trace"},
            {"link", "--to", "8080", "--rtt"},
        };
        for (String[] c : cases) {
            err.reset();
            assertEquals(2, lab(c), String.join(" ", c));
            assertEquals(1, stderr().lines().count(), stderr());
        }
        assertTrue(stderr().contains("'--rtt'"), stderr());
    }
}
