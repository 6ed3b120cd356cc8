package cairn.lab.scenario;

import cairn.lab.link.LinkSecond;
import cairn.lab.link.Outage;
import cairn.lab.receiver.AccessLog;
import cairn.lab.receiver.ArrivalReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Everything a finished scenario run recorded, before any figure is computed from it. Times are wall-clock
 * milliseconds since 1970 on this machine; link second {@code t} spans {@code [linkStartMillis + 1000 t, +1000)}.
 *
 * @param targetKbps {@code encoder.max_kbps}: the target when the appliance wrote no rate decision
 * @param link the uplink's seconds from the link's start until the appliance stopped
 * @param deliveries every segment the appliance produced, with when it entered the spool and reached the server
 * @param requests the receiver's access log
 * @param finalStatus the appliance's {@code status.json} as written at its clean stop
 * @param mqttMessages what {@code mosquitto_sub} received under the device's topic root
 * @param mqttConfigured whether the appliance was given the broker ({@code [mqtt]} in its {@code --print-config})
 * @param mqttWireBytes what the broker's emulated link carried, both ways, until the appliance stopped
 * @param cameraStoppedMillis when the camera emulator was stopped (the end of recording)
 * @param applianceStoppedMillis when the appliance was sent SIGTERM
 * @param remoteDir the camera's folder under the receiver's root, e.g. {@code up/cairn/cam1}
 * @param rate what the appliance wrote to {@code box/rate.jsonl}
 * @param modem what the fake HiLink router did
 */
public record RunData(ScenarioOptions options, String device, String camera, long targetKbps, long linkStartMillis,
        List<LinkSecond> link, List<Outage> outages, List<Delivery> deliveries, List<AccessLog.Entry> requests, ArrivalReport arrival,
        JsonNode finalStatus, List<MqttWatch.Message> mqttMessages, boolean mqttConfigured, String mqttTopicRoot,
        long cameraStoppedMillis, long applianceStoppedMillis, String remoteDir, RateLog rate, ModemUse modem,
        long mqttWireBytes) {

    /** A run whose MQTT bytes on the wire were not measured. */
    public RunData(ScenarioOptions options, String device, String camera, long targetKbps, long linkStartMillis,
            List<LinkSecond> link, List<Outage> outages, List<Delivery> deliveries, List<AccessLog.Entry> requests,
            ArrivalReport arrival, JsonNode finalStatus, List<MqttWatch.Message> mqttMessages, boolean mqttConfigured,
            String mqttTopicRoot, long cameraStoppedMillis, long applianceStoppedMillis, String remoteDir, RateLog rate,
            ModemUse modem) {
        this(options, device, camera, targetKbps, linkStartMillis, link, outages, deliveries, requests, arrival,
                finalStatus, mqttMessages, mqttConfigured, mqttTopicRoot, cameraStoppedMillis, applianceStoppedMillis,
                remoteDir, rate, modem, 0);
    }

    public RunData {
        link = List.copyOf(link);
        outages = List.copyOf(outages);
        deliveries = List.copyOf(deliveries);
        requests = List.copyOf(requests);
        mqttMessages = List.copyOf(mqttMessages);
    }

    /** Wall-clock milliseconds of link time {@code ms}. */
    public long wall(long ms) {
        return linkStartMillis + ms;
    }
}
