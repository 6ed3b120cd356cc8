package cairn.lab.scenario;

import cairn.lab.rig.ApplianceProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The appliance's effective configuration as its own {@code --print-config} prints it ({@code [section]} headers and
 * {@code key = value} lines), so the scenario reads the same values the run uses and learns which sections this build
 * of the appliance knows (MQTT is optional until it is merged). Immutable.
 */
public final class EffectiveConfig {

    private final Map<String, String> values;

    EffectiveConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Runs the appliance jar with {@code --print-config} and {@code sets} ({@code KEY=VALUE}) and reads what it prints. */
    public static EffectiveConfig of(List<String> sets, Path logDir) throws IOException {
        List<String> args = new ArrayList<>(List.of("--print-config"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        try (ApplianceProcess p = ApplianceProcess.startWithArgs(logDir.resolve("print-config.log"), args)) {
            int code = p.waitForExit(Duration.ofSeconds(60));
            if (code != 0) {
                throw new IOException("appliance --print-config exited with " + code + ": " + p.logText().strip());
            }
            return parse(p.stdoutText());
        }
    }

    /** Reads {@code --print-config} output: comments and blank lines skipped, quotes around a value removed. */
    static EffectiveConfig parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        String section = "";
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                values.put(section, "");
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.put(section + "." + line.substring(0, eq).strip(), value);
            }
        }
        return new EffectiveConfig(values);
    }

    public boolean hasSection(String section) {
        return values.containsKey(section);
    }

    public Optional<String> get(String dottedKey) {
        return Optional.ofNullable(values.get(dottedKey));
    }

    public String require(String dottedKey) throws IOException {
        return get(dottedKey).orElseThrow(() -> new IOException("appliance --print-config shows no " + dottedKey));
    }

    /** A duration as printed ({@code 8s}, {@code 500ms}, {@code 3min}, or a bare number of seconds), in seconds. */
    public double seconds(String dottedKey) throws IOException {
        String v = require(dottedKey);
        try {
            if (v.endsWith("ms")) {
                return Double.parseDouble(v.substring(0, v.length() - 2)) / 1000;
            }
            if (v.endsWith("min")) {
                return Double.parseDouble(v.substring(0, v.length() - 3)) * 60;
            }
            if (v.endsWith("s")) {
                return Double.parseDouble(v.substring(0, v.length() - 1));
            }
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IOException(dottedKey + " = " + v + " is not a duration the lab reads");
        }
    }

    public long whole(String dottedKey) throws IOException {
        String v = require(dottedKey);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException(dottedKey + " = " + v + " is not a whole number");
        }
    }
}
