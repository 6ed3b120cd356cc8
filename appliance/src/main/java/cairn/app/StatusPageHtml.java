package cairn.app;

import cairn.hardware.led.Led;
import cairn.hardware.led.LedPattern;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The status page's HTML, from the same map as status.json and the LEDs' patterns: self-contained
 * (inline CSS, no script, no external asset), refreshing itself every 5 s. Every value is escaped.
 */
final class StatusPageHtml {
  private static final String STYLE = """
      body{font:15px/1.4 system-ui,sans-serif;margin:1em;background:#f4f4f0;color:#222}
      h1{font-size:1.4em;margin:0 0 .2em}h2{font-size:1.1em;margin:1em 0 .3em}
      section{background:#fff;border-radius:6px;padding:.6em 1em;margin:.6em 0}
      table{border-collapse:collapse}td{padding:.1em .8em .1em 0;vertical-align:top}td:first-child{color:#666}
      .leds{display:flex;gap:1.2em;flex-wrap:wrap}.led{text-align:center;font-size:.85em}
      .lamp{width:1.4em;height:1.4em;border-radius:50%;margin:0 auto .2em;background:#ccc;border:1px solid #999}
      .on,.blink_slow,.blink_fast,.heartbeat,.code{background:var(--c)}
      .blink_slow{animation:b 1s steps(2,jump-none) infinite}.blink_fast{animation:b .25s steps(2,jump-none) infinite}
      .heartbeat{animation:b 2s steps(2,jump-none) infinite}.code{animation:b .5s steps(2,jump-none) infinite}
      @keyframes b{50%{background:#ccc}}
      .cams{display:flex;gap:1em;flex-wrap:wrap}.cams img{max-width:480px;width:100%;display:block;background:#ddd}
      .bad{color:#a00}
      """;
  private static final Map<Led, String> COLOURS = Map.of(Led.POWER, "#2a2", Led.LINK, "#2a2", Led.RECORDING,
      "#d22", Led.BACKLOG, "#db2", Led.ERROR, "#d22");

  private StatusPageHtml() {}

  static String render(Map<String, Object> status, Map<Led, LedPattern> leds, Instant at) {
    StringBuilder b = new StringBuilder(8192);
    b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\"><meta http-equiv=\"refresh\" content=\"5\">")
        .append("<title>Cairn ").append(esc(status.get("device"))).append("</title><style>").append(STYLE)
        .append("</style></head><body>");
    b.append("<h1>Cairn ").append(esc(status.get("device"))).append("</h1><div>version ")
        .append(esc(status.get("version"))).append(", running ").append(esc(status.get("uptime_s")))
        .append(" s, page made ").append(esc(at.truncatedTo(ChronoUnit.SECONDS))).append("</div>");
    leds(b, leds);
    cameras(b, status);
    section(b, "Upload", status.get("uplink"), "no uplink configured");
    section(b, "Backlog (spool)", status.get("spool"), "");
    section(b, "Link and rate", status.get("rate"), "no uplink configured");
    dataPlan(b, status.get("budget"));
    section(b, "Board", status.get("board"), "");
    errors(b, status);
    return b.append("</body></html>").toString();
  }

  private static void leds(StringBuilder b, Map<Led, LedPattern> leds) {
    b.append("<section><h2>LEDs</h2><div class=\"leds\">");
    for (Led led : Led.values()) {
      LedPattern p = leds.getOrDefault(led, LedPattern.OFF);
      String css = p.name().startsWith("CODE_") ? "code" : p.name().toLowerCase(Locale.ROOT);
      b.append("<div class=\"led\"><div class=\"lamp ").append(css).append("\" style=\"--c:")
          .append(COLOURS.get(led)).append("\"></div>").append(led).append("<br>")
          .append(esc(p.name().toLowerCase(Locale.ROOT))).append("</div>");
    }
    b.append("</div>").append(leds.isEmpty() ? "<div>no LEDs on this machine</div>" : "").append("</section>");
  }

  private static void cameras(StringBuilder b, Map<String, Object> status) {
    b.append("<section><h2>Cameras</h2><div class=\"cams\">");
    if (status.get("cameras") instanceof Map<?, ?> cams) {
      cams.forEach((name, value) -> {
        b.append("<div><h2>").append(esc(name)).append("</h2><img alt=\"latest picture of ").append(esc(name))
            .append("\" src=\"/picture/").append(esc(name)).append(".jpg\">");
        table(b, value);
        b.append("</div>");
      });
    }
    b.append("</div></section>");
  }

  /** The plan's state, spent and projected bytes as GiB a person reads; "off" when no budget is set. */
  private static void dataPlan(StringBuilder b, Object budget) {
    if (!(budget instanceof Map<?, ?> m) || "off".equals(m.get("state"))) {
      section(b, "Data plan", null, "no data budget set (uplink.data_budget)");
      return;
    }
    b.append("<section><h2>Data plan</h2><table>");
    row(b, "state", m.get("state"));
    row(b, "spent", gib(m.get("spent_bytes")) + " of " + gib(m.get("budget_bytes")));
    row(b, "projected by the renewal", gib(m.get("projected_bytes")));
    row(b, "renews", m.get("renews"));
    if (m.containsKey("cap_kbps")) {
      row(b, "cap for the plan", m.get("cap_kbps") + " kbit/s");
    }
    b.append("</table></section>");
  }

  private static String gib(Object bytes) {
    return bytes instanceof Number n ? String.format(Locale.ROOT, "%.2f GiB", n.doubleValue() / (1L << 30)) : "?";
  }

  private static void errors(StringBuilder b, Map<String, Object> status) {
    b.append("<section><h2>Last errors</h2><table>");
    int n = 0;
    if (status.get("stages") instanceof List<?> stages) {
      for (Object o : stages) {
        if (o instanceof Map<?, ?> st && !String.valueOf(st.get("last_failure")).isEmpty()) {
          row(b, st.get("name") + " (" + st.get("state") + ", " + st.get("restarts") + " restarts)", st.get("last_failure"));
          n++;
        }
      }
    }
    if (status.get("uplink") instanceof Map<?, ?> u && !String.valueOf(u.get("last_error")).isEmpty()) {
      row(b, "uplink", u.get("last_error"));
      n++;
    }
    b.append("</table>").append(n == 0 ? "<div>none</div>" : "").append("</section>");
  }

  private static void section(StringBuilder b, String title, Object value, String whenMissing) {
    if (value == null && whenMissing.isEmpty()) {
      return;
    }
    b.append("<section><h2>").append(esc(title)).append("</h2>");
    if (value == null) {
      b.append("<div>").append(esc(whenMissing)).append("</div>");
    } else {
      table(b, value);
    }
    b.append("</section>");
  }

  private static void table(StringBuilder b, Object value) {
    b.append("<table>");
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> row(b, k, v instanceof Map<?, ?> || v instanceof List<?> ? flat(v) : v));
    }
    b.append("</table>");
  }

  private static void row(StringBuilder b, Object key, Object value) {
    b.append("<tr><td>").append(esc(key)).append("</td><td>").append(esc(value)).append("</td></tr>");
  }

  private static String flat(Object v) {
    return String.valueOf(v).replaceAll("[{}\\[\\]]", "");
  }

  static String esc(Object o) {
    return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
