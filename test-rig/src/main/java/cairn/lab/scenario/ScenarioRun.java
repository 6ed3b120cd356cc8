package cairn.lab.scenario;

import cairn.lab.link.LinkConfig;
import cairn.lab.link.LinkEmulator;
import cairn.lab.link.LinkSecond;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.link.Outage;
import cairn.lab.modem.HiLinkFake;
import cairn.lab.modem.NetworkFamily;
import cairn.lab.modem.TraceRadio;
import cairn.lab.receiver.AccessLog;
import cairn.lab.receiver.ArrivalChecker;
import cairn.lab.receiver.ArrivalReport;
import cairn.lab.receiver.DescriptionKeeper;
import cairn.lab.receiver.NginxReceiver;
import cairn.lab.receiver.ProducedSegments;
import cairn.lab.receiver.ReceiverOptions;
import cairn.lab.receiver.RemoteNaming;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.CameraSource;
import cairn.lab.rig.Ffprobe;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.RtspCameraEmulator;
import cairn.segment.SegmentInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one scenario: starts the camera emulator, nginx, Mosquitto with a subscriber, the link emulator (and, when the
 * appliance speaks MQTT, a second one with the same outages and RTT but no trace in front of the broker), keeps copies
 * of the segment descriptions, a fake HiLink router whose signal follows the trace, and the appliance process; lets it record for the duration, stops the camera, waits
 * (bounded) until everything recorded is on the server, stops the appliance with SIGTERM and collects a
 * {@link RunData}. Every process it starts is ended before {@link #run} returns, whatever happens.
 *
 * <p>Folders under {@code --out}: {@code box/} (the appliance's data: spool, status.json, uplink state),
 * {@code produced/} (copies of the segment descriptions), {@code receiver/} (nginx's run folder; what arrived is in
 * {@code receiver/www/}), {@code mqtt/} and {@code logs/}.
 */
final class ScenarioRun {

    static final String REMOTE_ROOT = "up";
    static final String MODEM_KEY = "link.modem";
    static final String MODEM_URL_KEY = "link.modem_url";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration APPLIANCE_START = Duration.ofSeconds(60);
    private static final long PROGRESS_EVERY_S = 10;

    private final ScenarioOptions options;
    private final PrintStream log;

    ScenarioRun(ScenarioOptions options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    RunData run() throws IOException, InterruptedException {
        Path out = options.out().toAbsolutePath();
        Path logs = out.resolve("logs");
        Files.createDirectories(logs);
        EffectiveConfig config = EffectiveConfig.of(options.applianceSets(), logs);
        String device = config.require("device.id");
        String camera = cairn.config.ConfigSchema.DEFAULT_CAMERA;
        long targetKbps = config.whole("encoder.max_kbps");
        double idleSeconds = config.seconds("segment.idle_seconds");
        boolean mqttConfigured = config.hasSection("mqtt");
        boolean ownModem = options.givesKey(MODEM_KEY);
        boolean modemConfigured = !ownModem && config.get(MODEM_KEY).isPresent();
        String topicRoot = config.get("mqtt.topic_prefix").filter(s -> !s.isEmpty()).orElse("cairn") + "/" + device;
        String remoteDir = REMOTE_ROOT + "/" + device + "/" + camera;
        RemoteNaming naming = (cam, seq) -> REMOTE_ROOT + "/" + device + "/" + cam + "/" + String.format("%012d.ts", seq);

        CameraSource source = options.camera().map(CameraSource::file)
                .orElse(CameraSource.testPattern(640, 480, 10));
        LinkConfig linkConfig = linkConfig();
        long cameraStopped;
        long applianceStopped;
        long linkStart;
        List<LinkSecond> seconds;
        JsonNode finalStatus;
        ModemUse modemUse;
        long mqttWire;
        try (RtspCameraEmulator cam = RtspCameraEmulator.start(source, FreePort.find(), logs);
                NginxReceiver receiver = NginxReceiver.start(out.resolve("receiver"), ReceiverOptions.defaults());
                MqttWatch mqtt = MqttWatch.start(out.resolve("mqtt"), topicRoot);
                LinkEmulator link = LinkEmulator.start(linkConfig, receiver.address(), 0);
                LinkEmulator mqttLink = LinkEmulator.start(mqttLinkConfig(), new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), mqtt.port()), 0);
                DescriptionKeeper keeper = DescriptionKeeper.start(out.resolve("box").resolve("spool"),
                        out.resolve("produced"));
                HiLinkFake modem = ownModem ? null : HiLinkFake.start(new TraceRadio(link.uplinkSchedule(),
                        NetworkFamily.ofTrace(options.uplinkTrace().getFileName().toString())),
                        () -> (System.nanoTime() - link.startedNanos()) / 1_000_000);
                ApplianceProcess appliance = ApplianceProcess.start(out.resolve("box"), logs.resolve("appliance.log"),
                        applianceArgs(cam, link, mqttLink, mqttConfigured, modemConfigured ? modem : null))) {
            linkStart = System.currentTimeMillis() - (System.nanoTime() - link.startedNanos()) / 1_000_000;
            log.printf("scenario: camera %s, link 127.0.0.1:%d -> nginx 127.0.0.1:%d, broker %s%s, appliance pid %d%n",
                    cam.url(), link.port(), receiver.port(), mqtt.url(), mqttConfigured ? " (via its own link)"
                            : " (this appliance has no MQTT yet)", appliance.pid());
            if (modem != null) {
                log.printf("scenario: fake HiLink router %s reports %s following the uplink trace%s%n", modem.url(),
                        modem.family().label(), modemConfigured ? "" : " (this appliance has no link.modem yet)");
            }
            appliance.waitForLog("running: device", APPLIANCE_START);
            record(link, appliance, receiver);
            cameraStopped = System.currentTimeMillis();
            cam.stop();
            log.printf("scenario: %d s recorded; camera stopped; waiting for the backlog (at most %d s)%n",
                    options.durationS(), options.drainLimitS());
            drain(appliance, receiver, naming, idleSeconds);
            applianceStopped = System.currentTimeMillis();
            int code = appliance.terminate(STOP_TIMEOUT);
            log.printf("scenario: appliance stopped with SIGTERM (exit code %d) %.0f s after the start%n", code,
                    (applianceStopped - linkStart) / 1000.0);
            finalStatus = appliance.readStatus();
            modemUse = modemUse(modem, ownModem, modemConfigured);
            seconds = link.timeline();
            mqttWire = mqttLink.uplinkCounters().carried() + mqttLink.downlinkCounters().carried();
        }
        List<AccessLog.Entry> requests = AccessLog.read(out.resolve("receiver").resolve("access.log"));
        List<SegmentInfo> produced = ProducedSegments.read(out.resolve("produced"));
        log.printf("scenario: checking %d produced segments against what arrived (ffmpeg decodes each group)%n",
                produced.size());
        ArrivalReport arrival = new ArrivalChecker(out.resolve("receiver").resolve("www"), naming, new Ffprobe())
                .check(produced, requests);
        List<Delivery> deliveries = Delivery.read(out.resolve("produced"), requests, naming);
        return new RunData(options, device, camera, targetKbps, linkStart, seconds, options.outages(), deliveries,
                requests, arrival, finalStatus, MqttWatch.read(out.resolve("mqtt").resolve("messages.txt")),
                mqttConfigured, topicRoot, cameraStopped, applianceStopped, remoteDir,
                RateLog.read(out.resolve("box").resolve("rate.jsonl")), modemUse, mqttWire);
    }

    private LinkConfig linkConfig() throws IOException {
        LinkConfig c = LinkConfig.unlimited().withUplink(MahimahiTrace.load(options.uplinkTrace()))
                .withRtt(Duration.ofMillis(options.rttMs()));
        if (options.downlinkTrace().isPresent()) {
            c = c.withDownlink(MahimahiTrace.load(options.downlinkTrace().get()));
        }
        for (Outage o : options.outages()) {
            c = c.withOutage(o);
        }
        return c;
    }

    /** MQTT crosses the same outages and RTT, but not the trace: its few bytes are not counted against it. */
    private LinkConfig mqttLinkConfig() {
        LinkConfig c = LinkConfig.unlimited().withRtt(Duration.ofMillis(options.rttMs()));
        for (Outage o : options.outages()) {
            c = c.withOutage(o);
        }
        return c;
    }

    /** {@code modem}: the fake router to give the appliance, or null. It is on the LAN side: no link emulator. */
    private List<String> applianceArgs(RtspCameraEmulator cam, LinkEmulator link, LinkEmulator mqttLink,
            boolean mqtt, HiLinkFake modem) {
        List<String> sets = new ArrayList<>(List.of("camera." + cairn.config.ConfigSchema.DEFAULT_CAMERA + ".source="
                + cam.url(), "uplink.url=http://127.0.0.1:" + link.port() + "/" + REMOTE_ROOT));
        if (mqtt) {
            sets.add("mqtt.url=tcp://127.0.0.1:" + mqttLink.port());
        }
        if (modem != null) {
            sets.add(MODEM_KEY + "=hilink");
            sets.add(MODEM_URL_KEY + "=" + modem.url());
        }
        sets.addAll(options.applianceSets());
        List<String> args = new ArrayList<>();
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    private static ModemUse modemUse(HiLinkFake modem, boolean own, boolean configured) {
        if (own) {
            return ModemUse.notStarted("--set " + MODEM_KEY + " was given, so the lab's fake router was not started");
        }
        return new ModemUse(modem.url().toString(), modem.requests(), modem.sessions(), modem.family().label(),
                configured ? null : "this appliance build has no " + MODEM_KEY + " in --print-config, so it was not"
                        + " given the router");
    }

    /** Until the link has run for the duration; a line of progress every few seconds. */
    private void record(LinkEmulator link, ApplianceProcess appliance, NginxReceiver receiver)
            throws IOException, InterruptedException {
        long next = PROGRESS_EVERY_S;
        while (link.elapsedSeconds() < options.durationS()) {
            if (!appliance.isAlive()) {
                throw new IOException("the appliance exited early (code " + appliance.exitCode().orElse(-1)
                        + "); see " + appliance.log());
            }
            Thread.sleep(Math.max(10, Math.min(500, (long) ((options.durationS() - link.elapsedSeconds()) * 1000))));
            if (link.elapsedSeconds() >= next) {
                progress(link, appliance, receiver);
                next += PROGRESS_EVERY_S;
            }
        }
    }

    private void progress(LinkEmulator link, ApplianceProcess appliance, NginxReceiver receiver) throws IOException {
        List<LinkSecond> s = link.timeline();
        LinkSecond last = s.isEmpty() ? null : s.get(s.size() - 1);
        String spool = "";
        try {
            JsonNode st = appliance.readStatus();
            spool = String.format("spool %d segments %d kB, sent %d (%d live), failures %d",
                    st.path("spool").path("segments").asLong(), st.path("spool").path("bytes").asLong() / 1000,
                    st.path("uplink").path("segments_sent").asLong(), st.path("uplink").path("live_sent").asLong(),
                    st.path("uplink").path("failures").asLong());
        } catch (IOException notYet) {
            spool = "no status yet";
        }
        log.printf("scenario: t=%4.0f s  link %-4s cap %5.0f kbit/s  sent %5.0f kbit/s | %s | nginx %d requests%n",
                link.elapsedSeconds(), last == null || last.upMs() >= 1000 ? "up" : "DOWN",
                last == null ? 0 : last.uplink().capacityKbps(), last == null ? 0 : last.uplink().carriedKbps(), spool,
                receiver.requests().size());
    }

    /**
     * Waits until the camera's last segment can have been cut ({@code segment.idle_seconds} after the camera went
     * away, plus 2 s) and every segment the appliance produced is stored on the server; at most the drain limit.
     */
    private void drain(ApplianceProcess appliance, NginxReceiver receiver, RemoteNaming naming, double idleSeconds)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long settle = (long) ((idleSeconds + 2) * 1e9);
        long limit = options.drainLimitS() * 1_000_000_000L;
        int waiting = -1;
        while (System.nanoTime() - start < limit) {
            if (!appliance.isAlive()) {
                throw new IOException("the appliance exited while draining; see " + appliance.log());
            }
            Thread.sleep(1000);
            Set<String> stored = new HashSet<>();
            for (AccessLog.Entry e : receiver.requests()) {
                if (e.storedPut()) {
                    stored.add(e.path().startsWith("/") ? e.path().substring(1) : e.path());
                }
            }
            List<SegmentInfo> produced = ProducedSegments.read(appliance.dataDir().getParent().resolve("produced"));
            waiting = (int) produced.stream().filter(s -> !stored.contains(naming.path(s.camera(), s.sequence())))
                    .count();
            if (waiting == 0 && !produced.isEmpty() && System.nanoTime() - start >= settle) {
                log.printf("scenario: everything recorded is on the server, %.0f s after the camera stopped%n",
                        (System.nanoTime() - start) / 1e9);
                return;
            }
        }
        log.printf("scenario: drain limit of %d s reached with %d segment(s) not on the server%n",
                options.drainLimitS(), waiting);
    }
}
