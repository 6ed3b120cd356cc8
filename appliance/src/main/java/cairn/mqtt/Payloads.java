package cairn.mqtt;

import cairn.bus.Event;
import cairn.config.Redact;
import cairn.health.CameraHealth;
import cairn.health.Health;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON of health and events, compact because every byte crosses a metered link. Health (about
 * 400 bytes with one camera):
 *
 * <pre>
 * {"at":"2026-11-21T10:00:00Z","version":"0.1.0","uptime_s":3600,"cpu_temp_c":48.3,"load1":0.42,
 *  "mem_avail_mb":812,"mem_total_mb":3793,"jvm_mb":45,"disk_free_mb":10234,
 *  "spool":{"bytes":123456,"segments":12,"oldest_age_s":60},"uplink":{"kbps":212.5,"failures":0,"last_ok_age_s":1},
 *  "link":{"mode":"3G","signal_dbm":-79,"estimate_kbps":900,"outage":false,"failures":0},
 *  "mqtt":{"queued":0,"dropped":0},
 *  "cameras":{"cam1":{"status":"running","fps_in":25.0,"fps_out":0.3,"target_kbps":1500,
 *                     "last_segment_age_s":4,"motion":false}}}
 * </pre>
 *
 * A figure the box cannot read is left out rather than sent as a guess. An event is {@code type},
 * {@code at} (milliseconds), then the event's own fields.
 */
final class Payloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Payloads() {}

  static byte[] health(Health h, Instant at, int queued, long dropped) {
    ObjectNode n = JSON.createObjectNode();
    n.put("at", at.truncatedTo(ChronoUnit.SECONDS).toString());
    n.put("version", h.version());
    n.put("uptime_s", h.uptimeS());
    h.cpuCelsius().ifPresent(t -> n.put("cpu_temp_c", t));
    h.load1().ifPresent(l -> n.put("load1", l));
    if (h.memTotalMb() > 0) {
      n.put("mem_avail_mb", h.memAvailableMb());
      n.put("mem_total_mb", h.memTotalMb());
    }
    n.put("jvm_mb", h.jvmUsedMb());
    n.put("disk_free_mb", h.diskFreeMb());
    ObjectNode spool = n.putObject("spool").put("bytes", h.spool().bytes()).put("segments", h.spool().segments())
        .put("oldest_age_s", h.spool().oldestAgeS());
    if (!h.spool().error().isEmpty()) {
      spool.put("error", Redact.text(h.spool().error()));
    }
    h.uplink().ifPresent(u -> {
      ObjectNode un = n.putObject("uplink").put("kbps", u.kbps()).put("failures", u.failures());
      u.lastSuccessAgeS().ifPresent(a -> un.put("last_ok_age_s", a));
    });
    h.link().ifPresent(l -> {
      ObjectNode ln = n.putObject("link");
      l.mode().ifPresent(m -> ln.put("mode", m));
      l.signalDbm().ifPresent(d -> ln.put("signal_dbm", Math.round(d)));
      l.estimateKbps().ifPresent(k -> ln.put("estimate_kbps", Math.round(k)));
      ln.put("outage", l.outage()).put("failures", l.failures());
    });
    h.budget().ifPresent(b -> n.putObject("budget").put("state", b.state()).put("spent", b.spentBytes())
        .put("budget", b.budgetBytes()).put("projected", b.projectedBytes()).put("renews", b.renews()));
    h.ota().ifPresent(o -> {
      // Health goes out every minute on a metered link: empty fields stay out.
      ObjectNode on = n.putObject("ota").put("state", o.state()).put("running", o.running());
      if (!o.trial().isEmpty()) {
        on.put("trial", o.trial());
      }
      if (!o.last().isEmpty()) {
        on.put("last", o.last());
      }
      if (o.total() > 0) {
        on.put("downloaded", o.downloaded()).put("total", o.total());
      }
    });
    n.putObject("mqtt").put("queued", queued).put("dropped", dropped);
    h.board().ifPresent(b -> {
      ObjectNode bn = n.putObject("board").put("under_voltage", b.underVoltageNow());
      if (b.throttlingKnown()) {
        b.throttling().forEach(bn.putArray("throttling")::add);
      }
      bn.put("system_uptime_s", b.systemUptimeS()).put("last_stop", b.lastStop())
          .put("write_errors", b.spoolWriteErrors());
    });
    ObjectNode cams = n.putObject("cameras");
    for (CameraHealth c : h.cameras()) {
      ObjectNode cn = cams.putObject(c.name()).put("status", c.status()).put("fps_in", c.fpsIn())
          .put("fps_out", c.fpsOut()).put("target_kbps", c.targetKbps());
      c.lastSegmentAgeS().ifPresent(a -> cn.put("last_segment_age_s", a));
      cn.put("motion", c.motion());
    }
    return bytes(n);
  }

  static byte[] event(Event e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("type", e.type());
    n.put("at", e.at().truncatedTo(ChronoUnit.MILLIS).toString());
    e.fields().forEach((k, v) -> {
      if (!k.equals("type") && !k.equals("at")) {
        n.set(k, JSON.valueToTree(v));
      }
    });
    return bytes(n);
  }

  static byte[] bytes(Object node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
