package cairn.lab.scenario;

import cairn.lab.receiver.AccessLog;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the run cost on a metered link, per hour of the run: segments, playlists, MQTT and everything on the wire. */
final class WireBytes {
    static final String DEFINITION = "bytes per hour of the run (link start to appliance stop): segments and"
            + " playlists are nginx's request_length of their PUTs (request line, headers and body), other_http the"
            + " remaining requests (snapshots, HEADs), mqtt what the broker's emulated link carried both ways,"
            + " total_on_wire what the uplink's emulated link carried both ways (HTTP requests and answers, retries"
            + " included) plus mqtt; TCP/IP headers are not included";

    private WireBytes() {}

    static Map<String, Object> perHour(RunData run) {
        long segments = 0;
        long playlists = 0;
        long other = 0;
        for (AccessLog.Entry e : run.requests()) {
            if (e.path().endsWith(".ts") && e.method().equals("PUT")) {
                segments += e.requestBytes();
            } else if (e.path().endsWith(".m3u8")) {
                playlists += e.requestBytes();
            } else {
                other += e.requestBytes();
            }
        }
        long http = 0;
        int seconds = LinkFigures.seconds(run);
        for (int t = 0; t < seconds; t++) {
            http += run.link().get(t).uplink().carriedBytes() + run.link().get(t).downlink().carriedBytes();
        }
        double hours = Math.max(1, seconds) / 3600.0;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("segments", Math.round(segments / hours));
        m.put("playlists", Math.round(playlists / hours));
        m.put("other_http", Math.round(other / hours));
        m.put("mqtt", Math.round(run.mqttWireBytes() / hours));
        m.put("total_on_wire", Math.round((http + run.mqttWireBytes()) / hours));
        m.put("hours", Math.round(hours * 10_000) / 10_000.0);
        return m;
    }
}
