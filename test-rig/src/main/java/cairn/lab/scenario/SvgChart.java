package cairn.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line and dot chart as inline SVG text, so the report needs no plotting library and no script: a time axis,
 * a value axis from 0 with round ticks, shaded spans (outages), lines and dots, and a legend. Not thread-safe.
 *
 * <pre>{@code
 * String svg = new SvgChart("Link", "s", "kbit/s").shade(120, 180, "outage")
 *         .line("capacity", "#888", xs, ys).svg();
 * }</pre>
 */
final class SvgChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 34;
    private static final int BOTTOM = 40;

    private record Series(String name, String color, double[] x, double[] y, boolean dots) {}

    private record Span(double from, double to, String label) {}

    private final String title;
    private final String xUnit;
    private final String yUnit;
    private final List<Series> series = new ArrayList<>();
    private final List<Span> spans = new ArrayList<>();

    SvgChart(String title, String xUnit, String yUnit) {
        this.title = title;
        this.xUnit = xUnit;
        this.yUnit = yUnit;
    }

    SvgChart line(String name, String color, double[] x, double[] y) {
        series.add(new Series(name, color, x.clone(), y.clone(), false));
        return this;
    }

    /**
     * A step line: {@code y[i]} holds from {@code x[i]} until {@code x[i + 1]}, the last value for as long as the step
     * before it (1 when alone), so a value that changes between two samples shows as a jump, not a ramp.
     */
    SvgChart steps(String name, String color, double[] x, double[] y) {
        int n = x.length;
        double[] sx = new double[2 * n];
        double[] sy = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double width = n == 1 ? 1 : i + 1 < n ? x[i + 1] - x[i] : x[i] - x[i - 1];
            sx[2 * i] = x[i];
            sx[2 * i + 1] = x[i] + width;
            sy[2 * i] = y[i];
            sy[2 * i + 1] = y[i];
        }
        return line(name, color, sx, sy);
    }

    SvgChart dots(String name, String color, double[] x, double[] y) {
        series.add(new Series(name, color, x.clone(), y.clone(), true));
        return this;
    }

    SvgChart shade(double from, double to, String label) {
        spans.add(new Span(from, to, label));
        return this;
    }

    String svg() {
        double xMax = 1;
        double yMax = 0;
        for (Series s : series) {
            for (double v : s.x) {
                xMax = Math.max(xMax, v);
            }
            for (double v : s.y) {
                yMax = Math.max(yMax, v);
            }
        }
        for (Span s : spans) {
            xMax = Math.max(xMax, s.to);
        }
        double xStep = niceStep(xMax);
        xMax = Math.ceil(xMax / xStep) * xStep;
        double yStep = niceStep(yMax <= 0 ? 1 : yMax * 1.05);
        yMax = Math.max(yStep, Math.ceil(yMax * 1.05 / yStep) * yStep);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                + " height=\"%d\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                LEFT, escape(title)));
        for (Span s : spans) {
            double x0 = px(s.from, xMax);
            double x1 = px(Math.min(s.to, xMax), xMax);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f3d0d0\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" fill=\"#a33\">%s</text>%n", x0, TOP, Math.max(0, x1 - x0),
                    HEIGHT - TOP - BOTTOM, x0 + 3, TOP + 14, escape(s.label)));
        }
        for (double y = 0; y <= yMax + yStep / 2; y += yStep) {
            double py = py(y, yMax);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py, WIDTH - RIGHT, py, LEFT - 6,
                    py + 4, label(y)));
        }
        for (double x = 0; x <= xMax + xStep / 2; x += xStep) {
            double px = px(x, xMax);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, HEIGHT - BOTTOM, px,
                    HEIGHT - BOTTOM + 5, px, HEIGHT - BOTTOM + 18, label(x)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", WIDTH - RIGHT,
                HEIGHT - 6, escape(xUnit)));
        sb.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">"
                + "%s</text>%n", TOP + (HEIGHT - TOP - BOTTOM) / 2, TOP + (HEIGHT - TOP - BOTTOM) / 2, escape(yUnit)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#666\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        for (Series s : series) {
            if (s.dots) {
                for (int i = 0; i < s.x.length; i++) {
                    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\"/>",
                            px(s.x[i], xMax), py(s.y[i], yMax), s.color));
                }
                sb.append('\n');
            } else if (s.x.length > 0) {
                sb.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(s.color).append("\" points=\"");
                for (int i = 0; i < s.x.length; i++) {
                    sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", px(s.x[i], xMax), py(s.y[i], yMax)));
                }
                sb.append("\"/>\n");
            }
        }
        int lx = WIDTH - RIGHT;
        for (Series s : series) {
            lx -= 26 + 7 * s.name.length();
        }
        for (Series s : series) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"8\" width=\"14\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"17\">%s</text>%n", lx, s.color, lx + 18, escape(s.name)));
            lx += 26 + 7 * s.name.length();
        }
        return sb.append("</svg>\n").toString();
    }

    private static double px(double x, double xMax) {
        return LEFT + x / xMax * (WIDTH - LEFT - RIGHT);
    }

    private static double py(double y, double yMax) {
        return HEIGHT - BOTTOM - Math.max(0, Math.min(y, yMax)) / yMax * (HEIGHT - TOP - BOTTOM);
    }

    /** 1, 2 or 5 times a power of ten, giving about five ticks up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    private static String label(double v) {
        if (v >= 1e6 && v % 1e5 == 0) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6).replace(".0M", "M");
        }
        if (v >= 1e4 && v % 1000 == 0) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
