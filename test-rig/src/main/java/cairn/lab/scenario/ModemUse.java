package cairn.lab.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the fake HiLink router ({@code cairn.lab.modem.HiLinkFake}) did during a run: report.json's {@code modem}.
 *
 * @param url its base URL, null when the lab did not start it
 * @param network what it reported, e.g. {@code 3G (HSPA+)}; null when not started
 * @param note why it was not started or not given to the appliance; null when it was
 */
record ModemUse(String url, long requests, long sessions, String network, String note) {

    static ModemUse notStarted(String note) {
        return new ModemUse(null, 0, 0, null, note);
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests);
        m.put("url", url);
        m.put("sessions", sessions);
        m.put("network", network);
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }
}
