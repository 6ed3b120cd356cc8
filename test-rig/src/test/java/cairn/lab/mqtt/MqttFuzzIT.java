package cairn.lab.mqtt;

import cairn.lab.rig.NoChildProcessesLeft;
import static org.junit.jupiter.api.Assertions.*;

import cairn.lab.rig.ApplianceProcess;
import cairn.lab.rig.ExternalCommand;
import cairn.lab.rig.MosquittoBroker;
import cairn.lab.rig.MqttProbe;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three thousand random and mutated command payloads at the real appliance process: it keeps running, its heap after
 * a full collection stays where it was, and every payload that is a JSON object with a string id gets exactly one
 * reply, {@code ok: false} with a reason. (Payloads that are not valid JSON may still be answered when an id can be
 * picked out of them; those answers must be refusals too.) The payloads come from a fixed seed, and each command
 * template is wrong in two ways, so that no single mutation can turn it into a command that runs.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@ExtendWith(NoChildProcessesLeft.class)
class MqttFuzzIT {
    private static final int PAYLOADS = 3000;
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String[] TEMPLATES = {
        "{\"id\":\"%s\",\"action\":\"ping\",\"args\":{\"loud\":true,\"x\":1}}",
        "{\"id\":\"%s\",\"action\":\"restart-pipeline\",\"args\":{\"camera\":\"nope\",\"extra\":1}}",
        "{\"id\":\"%s\",\"action\":\"rate-override\",\"args\":{\"kbps\":5,\"minutes\":99999}}",
        "{\"id\":\"%s\",\"action\":\"set\",\"args\":{\"encoder.max_kbps\":5,\"storage.quota\":\"-1\"}}",
        "{\"id\":\"%s\",\"action\":\"set\",\"args\":{\"mqtt.url\":\"tcp://x:1\",\"device.id\":\"!!\"}}",
        "{\"id\":\"%s\",\"action\":\"snapshot\",\"args\":{\"camera\":\"nope\",\"max_bytes\":1}}",
        "{\"id\":\"%s\",\"action\":\"format-disk\",\"args\":{},\"extra\":1}",
        "{\"id\":\"%s\",\"action\":\"ping\",\"expires\":\"2000-01-01T00:00:00Z\",\"args\":{\"x\":1}}",
        "{\"id\":\"%s\",\"action\":\"get-config\",\"args\":{\"a\":1,\"b\":2}}",
        "{\"id\":\"%s\",\"action\":\"clip\",\"args\":{\"from\":\"x\",\"to\":\"y\"}}",
        "{\"id\":\"%s\",\"action\":42,\"args\":[]}",
        "{\"id\":\"%s\",\"action\":\"rate-override\",\"args\":{\"kbps\":\"300\",\"minutes\":-1}}",
        "{\"id\":\"%s\",\"action\":\"ping\",\"args\":{\"x\":[1,2,{\"y\":null}],\"z\":\"\\u0000\"}}",
    };
    private static final Pattern HEAP_USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    @TempDir
    Path dir;

    @Test
    void thousandsOfBadPayloadsChangeNothingAndEachReadableOneIsRefusedOnce() throws Exception {
        Random random = new Random(20261121);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < PAYLOADS; i++) {
            payloads.add(payload(random, "f" + i));
        }
        Set<String> readable = readableIds(payloads);
        try (MosquittoBroker broker = MosquittoBroker.start(MosquittoBroker.options(), dir.resolve("broker"));
                MqttProbe probe = MqttProbe.connect(broker.url(), List.of("cairn/cairn/cmd/result"));
                ApplianceProcess cairn = Cairn.start(dir, "cairn", "mqtt.url=" + broker.url(),
                        "system.reboot_command=false")) {
            cairn.waitForLog("mqtt: connected to", Duration.ofSeconds(40));
            long heapBefore = 0;
            for (int i = 0; i < payloads.size(); i++) {
                probe.publish("cairn/cairn/cmd", payloads.get(i), 1, false);
                if (i == 499) {
                    awaitReplies(probe, readableIds(payloads.subList(0, 500)));
                    heapBefore = heapAfterGc(cairn.pid());
                }
            }
            awaitReplies(probe, readable);
            probe.publish("cairn/cairn/cmd", "{\"id\":\"last\",\"action\":\"ping\"}");
            probe.await(r -> r.text().contains("\"id\":\"last\",\"ok\":true"), Duration.ofSeconds(20), "a ping at the end");
            long heapAfter = heapAfterGc(cairn.pid());
            assertTrue(cairn.isAlive());

            Map<String, Integer> answers = new HashMap<>();
            for (MqttProbe.Received r : probe.received()) {
                JsonNode n = STRICT.readTree(r.payload());
                String id = n.get("id").asText();
                answers.merge(id, 1, Integer::sum);
                if (!id.equals("last")) {
                    assertFalse(n.get("ok").asBoolean(), "a fuzzed payload ran: " + n);
                    assertFalse(n.get("error").asText().isBlank(), n.toString());
                }
            }
            for (String id : readable) {
                assertEquals(1, answers.getOrDefault(id, 0), "answers to " + id);
            }
            answers.forEach((id, n) -> assertEquals(1, n, "answers to " + id));
            System.out.printf("fuzz: %d payloads, %d with a readable id, %d answered (all refusals); heap after full GC"
                    + " %d KiB after 500, %d KiB after %d%n", PAYLOADS, readable.size(), answers.size() - 1, heapBefore,
                    heapAfter, PAYLOADS);
            assertTrue(heapAfter - heapBefore < 4096, "heap grew from " + heapBefore + " to " + heapAfter + " KiB");
        }
    }

    private static byte[] payload(Random random, String id) {
        int kind = random.nextInt(10);
        byte[] command = String.format(TEMPLATES[random.nextInt(TEMPLATES.length)], id).getBytes(StandardCharsets.UTF_8);
        switch (kind) {
            case 0 -> {
                byte[] b = new byte[random.nextInt(300)];
                random.nextBytes(b);
                return b;
            }
            case 1 -> {
                String[] odd = {"[]", "null", "42", "\"id\"", "{}", "{\"id\":7}", "{\"id\":\"\"}", "{\"action\":\"ping\"}",
                    "{\"id\":\"" + id + "\"}", "{\"id\":\"" + id + "\",\"id\":\"again\",\"action\":\"ping\"}",
                    "{\"id\":\"" + id + "\",\"action\":\"ping\"} trailing", "{\"id\":\"" + "x".repeat(200) + id + "\"}"};
                return odd[random.nextInt(odd.length)].getBytes(StandardCharsets.UTF_8);
            }
            case 2 -> {
                return ("{\"id\":\"" + id + "\",\"action\":\"ping\",\"args\":{\"pad\":\"" + "p".repeat(17_000) + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                return ("{\"id\":\"" + id + "\",\"action\":\"ping\",\"args\":" + "[".repeat(3000) + "]".repeat(3000)
                        + "}").getBytes(StandardCharsets.UTF_8);
            }
            case 4, 5, 6 -> {
                return command;
            }
            default -> {
                return mutate(random, command, ("{\"id\":\"" + id + "\"").length());
            }
        }
    }

    /** Flips, inserts, deletes or truncates one byte after the id, so the id stays readable when the JSON does. */
    private static byte[] mutate(Random random, byte[] b, int keep) {
        int at = keep + random.nextInt(b.length - keep);
        byte[] out;
        switch (random.nextInt(4)) {
            case 0 -> {
                out = b.clone();
                out[at] = (byte) random.nextInt(256);
            }
            case 1 -> {
                out = new byte[b.length + 1];
                System.arraycopy(b, 0, out, 0, at);
                out[at] = (byte) " {}[]\",:0-9aznt\\".charAt(random.nextInt(16));
                System.arraycopy(b, at, out, at + 1, b.length - at);
            }
            case 2 -> {
                out = new byte[b.length - 1];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + 1, out, at, b.length - at - 1);
            }
            default -> out = java.util.Arrays.copyOf(b, at);
        }
        return out;
    }

    private static java.util.Optional<String> readableId(byte[] payload) {
        try {
            JsonNode n = STRICT.readTree(payload);
            if (n != null && n.isObject() && n.path("id").isTextual() && !n.get("id").asText().isEmpty()) {
                return java.util.Optional.of(n.get("id").asText());
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: nothing the test can expect an answer for.
        }
        return java.util.Optional.empty();
    }

    private static Set<String> readableIds(List<byte[]> payloads) {
        Set<String> ids = new HashSet<>();
        payloads.forEach(p -> readableId(p).ifPresent(ids::add));
        return ids;
    }

    /** Waits until every id in {@code ids} has been answered. */
    private static void awaitReplies(MqttProbe probe, Set<String> ids) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            Set<String> answered = new HashSet<>();
            for (MqttProbe.Received r : probe.received()) {
                answered.add(STRICT.readTree(r.payload()).get("id").asText());
            }
            if (answered.containsAll(ids)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(answered.size() + " ids answered; missing e.g. "
                        + ids.stream().filter(i -> !answered.contains(i)).limit(5).toList());
            }
            Thread.sleep(200);
        }
    }

    /** The JVM's heap in use after a full collection, from {@code jcmd} (Serial GC: young + tenured). */
    private static long heapAfterGc(long pid) throws IOException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        ExternalCommand.runChecked(List.of(jcmd, Long.toString(pid), "GC.run"), Duration.ofSeconds(30));
        String info = ExternalCommand.runChecked(List.of(jcmd, Long.toString(pid), "GC.heap_info"),
                Duration.ofSeconds(30)).stdout();
        long used = 0;
        Matcher m = HEAP_USED.matcher(info);
        while (m.find()) {
            used += Long.parseLong(m.group(1));
        }
        if (used == 0) {
            throw new IOException("cannot read the heap from: " + info);
        }
        return used;
    }
}
