package cairn.lab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class SvgChartTest {

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(200.0, SvgChart.niceStep(1000));
        assertEquals(50.0, SvgChart.niceStep(180));
        assertEquals(0.2, SvgChart.niceStep(0.9), 1e-12);
        assertEquals(100_000.0, SvgChart.niceStep(300_000));
    }

    @Test
    void drawsWellFormedSvgWithEveryLineDotOutageAndEscapedText() throws Exception {
        String svg = new SvgChart("a <b> & \"c\"", "s", "kbit/s").shade(2, 4, "outage")
                .line("capacity", "#999", new double[] {0, 1, 2, 3}, new double[] {800, 900, 0, 700})
                .dots("latency", "#00f", new double[] {1, 2}, new double[] {3, 4}).svg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(1, doc.getElementsByTagName("polyline").getLength());
        assertEquals(2, doc.getElementsByTagName("circle").getLength());
        assertTrue(svg.contains("a &lt;b&gt; &amp; &quot;c&quot;"));
        assertTrue(svg.contains(">outage<"));
    }

    @Test
    void aStepLineHoldsEachValueUntilTheNextSample() {
        String svg = new SvgChart("t", "s", "kbit/s").steps("target", "#e08000", new double[] {0, 1, 2},
                new double[] {100, 100, 50}).svg();
        String points = svg.substring(svg.indexOf("points=\"") + 8, svg.indexOf("\"/>", svg.indexOf("points=")));
        String[] p = points.trim().split(" ");
        assertEquals(6, p.length, points);
        assertEquals(p[3].split(",")[0], p[4].split(",")[0], "the drop is vertical, at x = 2: " + points);
        assertEquals(p[4].split(",")[1], p[5].split(",")[1], "the last value holds for one more second: " + points);
    }
}
