package cairn.lab.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkConfig;
import cairn.lab.link.LinkEmulator;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.link.Outage;
import cairn.lab.receiver.NginxReceiver;
import cairn.lab.receiver.ReceiverOptions;
import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.FreePort;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import cairn.lab.rig.NoChildProcessesLeft;
import cairn.ota.Bundle;
import cairn.ota.device.ReleaseCheck;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update end to end on loopback, the real appliance under cairn-run: release built and signed by the packer,
 * served by nginx, announced with the MQTT command {@code ota} over Mosquitto, downloaded through the link
 * emulator, verified, installed, started on trial and committed; then a release that records nothing, rolled back
 * at its deadline, reported, and refused when announced again.
 *
 * <p>Minutes long, so not part of CI: {@code -Dota.e2e=true}; {@code -Dota.e2e.trace=FILE} (a Mahimahi downlink
 * trace) and {@code -Dota.e2e.outage=AT_S+FOR_S} shape the link; {@code -Dota.e2e.out=DIR} keeps report.json.
 */
@ExtendWith(NoChildProcessesLeft.class)
class OtaUpdateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEVICE = "otabox";

    @TempDir
    Path dir;

    @Test
    void anUpdateCommitsAndARecordNothingReleaseIsRolledBackAndNeverRetried() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("ota.e2e"), "set -Dota.e2e=true to run the end-to-end update");
        OtaBox box = new OtaBox(dir);
        Path repo = OtaBox.repository();
        Path jar = ApplianceProcess.jar();
        Map<String, Object> report = new LinkedHashMap<>();
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("mosquitto"));
                NginxReceiver nginx = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults())) {
            Path goodStage = realRelease(jar, "1.1.0", Optional.empty());
            Path badStage = realRelease(jar, "1.2.0", Optional.of("-Dcairn.test.wedge_encoder_after_s=0"));
            Bundle good = box.pack(goodStage, nginx.root().resolve("good"), "1.1.0", 2);
            Bundle bad = box.pack(badStage, nginx.root().resolve("bad"), "1.2.0", 3);
            Path factory = dir.resolve("real-factory");
            copyTree(realRelease(jar, "1.0.0", Optional.empty()), factory);
            Files.copy(box.factory.resolve("release.manifest"), factory.resolve("release.manifest"));
            Files.copy(box.factory.resolve("release.manifest.sig"), factory.resolve("release.manifest.sig"));
            Path conf = Files.writeString(dir.resolve("cairn.conf"), String.join("\n",
                    "[device]", "id = " + DEVICE,
                    "[camera.cam1]", "source = testsrc", "width = 320", "height = 240", "fps = 5",
                    "[mqtt]", "url = " + broker.url(), "health_interval = 10",
                    "[ota]", "public_key = " + box.publicKey, "healthy_for = 10", "trial_deadline = 60", ""));
            Map<String, String> env = new LinkedHashMap<>(box.environment());
            env.put("CAIRN_FACTORY", factory.toString());
            env.put("CAIRN_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
            env.put("CAIRN_CONF", conf.toString());
            env.put("CAIRN_JAVA_OPTS", "-Xmx256m");
            Path log = dir.resolve("cairn.log");
            LinkConfig linkConfig = LinkConfig.unlimited().withRtt(Duration.ofMillis(Integer.getInteger("ota.e2e.rtt", 0)));
            String trace = System.getProperty("ota.e2e.trace", "");
            if (!trace.isEmpty()) {
                linkConfig = linkConfig.withDownlink(MahimahiTrace.load(Path.of(trace)));
            }
            String outage = System.getProperty("ota.e2e.outage", "");
            if (!outage.isEmpty()) {
                linkConfig = linkConfig.withOutage(Outage.parse(outage));
            }
            String root = "cairn/" + DEVICE;
            try (MqttProbe probe = MqttProbe.connect(broker.url(), List.of(root + "/event", root + "/cmd/result",
                    root + "/health"));
                    Supervised cairn = new Supervised(repo.resolve("image-build/rootfs/usr/lib/cairn/cairn-run"), env,
                            log, 12)) {
                probe.await(m -> m.topic().endsWith("/health"), Duration.ofSeconds(90), "first health");

                LinkEmulator link = LinkEmulator.start(linkConfig, nginx.address(), FreePort.find());
                try (link) {
                    long asked = System.nanoTime();
                    command(probe, root, "u1", "http://127.0.0.1:" + link.port() + "/good/latest.manifest");
                    JsonNode installed = event(probe, "ota_installed", "1.1.0", Duration.ofMinutes(15));
                    JsonNode committed = event(probe, "ota_committed", "1.1.0", Duration.ofMinutes(3));
                    double toCommit = (System.nanoTime() - asked) / 1e9;
                    long payload = Files.size(good.payload());
                    long carried = link.downlinkCounters().delivered();
                    report.put("good", Map.of("payload_bytes", payload, "fetched_bytes_app",
                            installed.get("fetched_bytes").asLong(), "bytes_on_link_down", carried, "requests",
                            installed.get("requests").asInt(), "download_install_s", installed.get("seconds").asDouble(),
                            "command_to_commit_s", Math.round(toCommit * 10) / 10.0, "trial_s",
                            committed.get("trial_s").asLong(), "link", linkConfig.toString()));
                    assertEquals(box.layout().release("1.1.0"), box.nextStart());
                    assertEquals(Optional.empty(), ReleaseCheck.problem(box.layout().release("1.1.0"),
                            box.keys.getPublic()));
                    assertTrue(installed.get("fetched_bytes").asLong() < payload * 1.05 + 4096, installed.toString());

                    probe.clear();
                    long askedBad = System.nanoTime();
                    command(probe, root, "u2", "http://127.0.0.1:" + link.port() + "/bad/latest.manifest");
                    event(probe, "ota_installed", "1.2.0", Duration.ofMinutes(15));
                    JsonNode rolledBack = event(probe, "ota_rolled_back", "1.2.0", Duration.ofMinutes(4));
                    double toRollback = (System.nanoTime() - askedBad) / 1e9;
                    assertEquals(box.layout().release("1.1.0"), box.nextStart(), "back on the committed release");
                    assertTrue(Files.exists(box.layout().release("1.2.0").resolve("BAD")));
                    JsonNode health = lastHealth(probe, Duration.ofSeconds(30));
                    probe.clear();
                    command(probe, root, "u3", "http://127.0.0.1:" + link.port() + "/bad/latest.manifest");
                    JsonNode refused = event(probe, "ota_refused", null, Duration.ofMinutes(2));
                    report.put("bad", Map.of("command_to_rollback_s", Math.round(toRollback * 10) / 10.0, "reason",
                            rolledBack.get("reason").asText(), "health_ota", health.path("ota"),
                            "announced_again", refused.get("code").asText()));
                    assertEquals("REPLAY", refused.get("code").asText());
                    assertEquals("1.1.0", health.path("ota").path("running").asText(), health.toString());
                }
            } finally {
                report.put("cairn_run_log_tail", tail(log, 30));
                writeReport(report);
            }
        }
    }

    private static void command(MqttProbe probe, String root, String id, String manifest) throws Exception {
        probe.publish(root + "/cmd", "{\"id\":\"" + id + "\",\"action\":\"ota\",\"args\":{\"manifest\":\"" + manifest
                + "\"}}");
        MqttProbe.Received r = probe.await(m -> m.topic().endsWith("/cmd/result") && m.text().contains(id),
                Duration.ofSeconds(60), "reply to " + id);
        assertTrue(JSON.readTree(r.text()).get("ok").asBoolean(), r.text());
    }

    private static JsonNode event(MqttProbe probe, String type, String version, Duration timeout) throws Exception {
        MqttProbe.Received r = probe.await(m -> {
            if (!m.topic().endsWith("/event")) {
                return false;
            }
            try {
                JsonNode n = JSON.readTree(m.text());
                return n.path("type").asText().equals(type)
                        && (version == null || n.path("version").asText().equals(version));
            } catch (java.io.IOException e) {
                return false;
            }
        }, timeout, type + " " + version);
        return JSON.readTree(r.text());
    }

    private static JsonNode lastHealth(MqttProbe probe, Duration timeout) throws Exception {
        probe.clear();
        return JSON.readTree(probe.await(m -> m.topic().endsWith("/health") && m.text().contains("\"ota\""), timeout,
                "health with ota").text());
    }

    /** The appliance jar and its libraries as a release folder; natives are unpacked into javacpp/ at first start. */
    private Path realRelease(Path jar, String version, Optional<String> javaOption) throws Exception {
        Path stage = dir.resolve("real-" + version);
        Files.createDirectories(stage.resolve("javacpp"));
        Files.copy(jar, stage.resolve("cairn-appliance.jar"));
        copyTree(jar.resolveSibling("lib"), stage.resolve("lib"));
        Files.writeString(stage.resolve("VERSION"), version + "\n");
        Files.writeString(stage.resolve("javacpp/README"), "JavaCPP natives of this release\n");
        if (javaOption.isPresent()) {
            Files.writeString(stage.resolve("java-options"), javaOption.get() + "\n");
        }
        return stage;
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static List<String> tail(Path log, int lines) throws java.io.IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(log);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }

    private static void writeReport(Map<String, Object> report) throws java.io.IOException {
        String out = System.getProperty("ota.e2e.out", "");
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        System.out.println("OtaUpdateIT report: " + text);
        if (!out.isEmpty()) {
            Files.createDirectories(Path.of(out));
            Files.writeString(Path.of(out, "report.json"), text);
        }
    }
}
