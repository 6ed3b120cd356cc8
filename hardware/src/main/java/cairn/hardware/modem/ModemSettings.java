package cairn.hardware.modem;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which reader asks the modem, from the config keys {@code link.modem} ({@code hilink|at|mmcli|none}), {@code
 * link.modem_url}, {@code link.modem_port} and {@code link.mmcli}. Keys that do not apply to the chosen kind are
 * still checked, so a typo shows at start-up rather than after someone switches kinds on site.
 *
 * <pre>{@code
 * ModemReader reader = ModemSettings.fromKeys(Map.of("link.modem", "hilink")).reader(InstantSource.system());
 * }</pre>
 */
public record ModemSettings(Kind kind, URI url, Path port, Path mmcli, Duration timeout) {
    public static final String KIND_KEY = "link.modem";
    public static final String URL_KEY = "link.modem_url";
    public static final String PORT_KEY = "link.modem_port";
    public static final String MMCLI_KEY = "link.mmcli";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final ModemSettings DEFAULTS = new ModemSettings(Kind.NONE, HiLinkReader.DEFAULT_URL,
            AtModemReader.DEFAULT_PORT, MmcliReader.DEFAULT_MMCLI, DEFAULT_TIMEOUT);

    public enum Kind {
        HILINK("hilink"),
        AT("at"),
        MMCLI("mmcli"),
        NONE("none");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        static Kind parse(String value) {
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(kind -> kind.key.equals(wanted)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException(KIND_KEY + " must be one of " + Arrays.stream(values())
                            .map(Kind::key).collect(Collectors.joining(", ")) + "; got '" + value + "'"));
        }
    }

    public ModemSettings {
        Objects.requireNonNull(kind, KIND_KEY);
        Objects.requireNonNull(url, URL_KEY);
        Objects.requireNonNull(port, PORT_KEY);
        Objects.requireNonNull(mmcli, MMCLI_KEY);
        HiLinkReader.checkTimeout(timeout);
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(URL_KEY + " must be the router's address such as http://192.168.8.1,"
                    + " got '" + url + "'");
        }
        if (!port.isAbsolute()) {
            throw new IllegalArgumentException(PORT_KEY + " must be a device path such as /dev/ttyUSB2, got '"
                    + port + "'");
        }
        if (!mmcli.isAbsolute()) {
            throw new IllegalArgumentException(MMCLI_KEY + " must be an absolute path such as /usr/bin/mmcli, got '"
                    + mmcli + "'");
        }
    }

    /**
     * Reads the four keys from {@code values} (other keys are ignored); a missing key keeps its default.
     *
     * @throws IllegalArgumentException naming the key, the value and what is allowed
     */
    public static ModemSettings fromKeys(Map<String, String> values) {
        Kind kind = values.containsKey(KIND_KEY) ? Kind.parse(values.get(KIND_KEY)) : DEFAULTS.kind;
        URI url = values.containsKey(URL_KEY) ? uri(values.get(URL_KEY)) : DEFAULTS.url;
        Path port = values.containsKey(PORT_KEY) ? path(PORT_KEY, values.get(PORT_KEY)) : DEFAULTS.port;
        Path mmcli = values.containsKey(MMCLI_KEY) ? path(MMCLI_KEY, values.get(MMCLI_KEY)) : DEFAULTS.mmcli;
        return new ModemSettings(kind, url, port, mmcli, DEFAULTS.timeout);
    }

    /** A new reader of the configured kind; its {@code read()} never takes longer than {@link #timeout()}. */
    public ModemReader reader(InstantSource clock) {
        switch (kind) {
            case HILINK:
                return new HiLinkReader(url, timeout, clock);
            case AT:
                return new AtModemReader(port, AtModemReader.STTY, timeout, clock);
            case MMCLI:
                return new MmcliReader(mmcli, timeout, clock);
            case NONE:
            default:
                return new NoModemReader(clock);
        }
    }

    private static URI uri(String value) {
        try {
            return new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_KEY + " must be the router's address such as http://192.168.8.1,"
                    + " got '" + value + "'");
        }
    }

    private static Path path(String key, String value) {
        if (value.isBlank() || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(key + " must be an absolute path, got '" + value + "'");
        }
        return Path.of(value.strip());
    }
}
