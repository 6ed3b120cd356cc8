package cairn.config;

import static cairn.config.ValueType.bool;
import static cairn.config.ValueType.bytes;
import static cairn.config.ValueType.decimal;
import static cairn.config.ValueType.integer;
import static cairn.config.ValueType.ladder;
import static cairn.config.ValueType.monthlyBytes;
import static cairn.config.ValueType.oneOf;
import static cairn.config.ValueType.seconds;
import static cairn.config.ValueType.secondsOrOff;
import static cairn.config.ValueType.secret;
import static cairn.config.ValueType.text;
import static cairn.config.ValueType.withCredentials;
import java.util.List;

/**
 * Every key Cairn reads, with its default: the one place defaults live. Camera keys sit in
 * {@code [camera.NAME]} sections, one per camera.
 */
public final class ConfigSchema {
  private ConfigSchema() {}

  public static final String CAMERA = "camera.*";

  public static final Key<String> DEVICE_ID = new Key<>("device", "id",
      text("[a-z0-9][a-z0-9_-]{0,31}", "1 to 32 of a-z 0-9 _ -, starting with a letter or digit"),
      "cairn", "Name of this box; it names the MQTT topics and the folders on the server.");

  public static final Key<String> STORAGE_DIR = new Key<>("storage", "dir",
      text("\\S.*", "a folder path (~ is your home)"),
      "~/cairn-data", "Where the spool keeps segments until the server has them.");
  public static final Key<Long> STORAGE_QUOTA = new Key<>("storage", "quota",
      bytes(1L << 20, 1L << 40), 2L << 30, "Most footage the spool keeps; the oldest goes first beyond it.");
  public static final Key<Long> STORAGE_MIN_FREE = new Key<>("storage", "min_free",
      bytes(0, 1L << 40), 256L << 20, "Free disk the spool always leaves, whatever the quota says.");

  public static final Key<Double> SEGMENT_SECONDS = new Key<>("segment", "seconds",
      seconds(0.5, 10), 2.0, "Length of a segment while something moves.");
  public static final Key<Double> SEGMENT_IDLE_SECONDS = new Key<>("segment", "idle_seconds",
      seconds(1, 60), 8.0, "Longest segment while the scene is still (fewer requests on a metered link).");

  public static final Key<String> ENCODER_CODEC = new Key<>("encoder", "codec",
      oneOf("auto", "libx264", "h264_v4l2m2m", "libopenh264"), "auto",
      "H.264 encoder; auto takes the Pi's hardware encoder where it works, else libx264. libopenh264"
          + " (software, BSD licence) takes its rate only when opened, as the Pi's does.");
  public static final Key<String> ENCODER_PRESET = new Key<>("encoder", "preset",
      oneOf("ultrafast", "superfast", "veryfast", "faster", "fast", "medium"), "veryfast",
      "libx264 speed preset: slower ones compress better and cost CPU.");
  /** {@link #ENCODER_CRF} set to {@code auto}. */
  public static final int CRF_AUTO = -1;
  public static final Key<Integer> ENCODER_CRF = new Key<>("encoder", "crf",
      ValueType.integerOrAuto(10, 45, CRF_AUTO), CRF_AUTO,
      "Quality target (lower is better and bigger); auto is 24 at 320x240, one more per doubling of the pixels."
      + " The bitrate cap still holds.");
  public static final Key<Integer> ENCODER_MAX_KBPS = new Key<>("encoder", "max_kbps",
      integer(30, 50_000), 1500, "Bitrate cap in kbit/s until the rate controller picks one.");
  public static final Key<Double> ENCODER_MAX_KEY_INTERVAL = new Key<>("encoder", "max_key_interval",
      seconds(1, 600), 60.0, "Longest time between key frames; a scene change forces one sooner.");

  public static final Key<Double> ANALYSIS_IDLE_INTERVAL = new Key<>("analysis", "idle_interval",
      seconds(0.1, 60), 4.0, "While the scene is still, keep one frame this often as a heartbeat.");
  public static final Key<Double> ANALYSIS_MOTION_SHARE = new Key<>("analysis", "motion_share",
      decimal(0.0001, 0.5), 0.002, "Share of tiles that must change for a frame to count as motion.");
  public static final Key<Double> ANALYSIS_MOTION_HOLD = new Key<>("analysis", "motion_hold",
      seconds(0, 60), 3.0, "Full frame rate lasts this long after the last motion.");
  public static final Key<Double> ANALYSIS_NOISE_FACTOR = new Key<>("analysis", "noise_factor",
      decimal(1, 20), 3.0, "A tile changed when its difference exceeds this many times the sensor noise.");
  public static final Key<Double> ANALYSIS_KEY_SIMILARITY = new Key<>("analysis", "key_similarity",
      decimal(0, 1), 0.5, "Force a key frame when the picture's similarity (SSIM) to the last key falls below this.");
  public static final Key<Boolean> ANALYSIS_FREEZE_STILL_TILES = new Key<>("analysis", "freeze_still_tiles",
      bool(), true, "Send still parts of the picture unchanged so noise costs no bits.");

  public static final Key<String> UPLINK_URL = new Key<>("uplink", "url",
      withCredentials(text("|https?://[^\\s]+", "empty (no uplink), or an http:// or https:// URL")), "",
      "Where segments and playlists go (HTTP PUT, e.g. nginx with WebDAV); empty keeps them on the box.");
  public static final Key<String> UPLINK_USER = new Key<>("uplink", "user", text("[^\\s:]*", "a name without spaces or :"),
      "", "User for HTTP basic auth; empty for none.");
  public static final Key<String> UPLINK_PASSWORD = new Key<>("uplink", "password", secret(text(".*", "any text")), "",
      "Password for HTTP basic auth. Never logged.");
  public static final Key<String> UPLINK_TOKEN = new Key<>("uplink", "token", secret(text("[^\\s]*", "text without spaces")),
      "",
      "Bearer token, instead of user and password. Never logged.");
  public static final Key<String> UPLINK_CA_FILE = new Key<>("uplink", "ca_file", text(".*", "a PEM file path"), "",
      "Trust only this CA (PEM) for https; empty trusts the system's CAs.");
  public static final Key<Double> UPLINK_CONNECT_TIMEOUT = new Key<>("uplink", "connect_timeout", seconds(1, 120), 10.0,
      "Give up connecting after this long.");
  public static final Key<Double> UPLINK_TIMEOUT = new Key<>("uplink", "timeout", seconds(1, 600), 20.0,
      "Give up on a request after this long, plus 1 s per 8 kB it carries.");
  public static final Key<Double> UPLINK_RETRY_MAX = new Key<>("uplink", "retry_max", seconds(1, 600), 30.0,
      "Longest pause between failed requests (the pause doubles from 1 s).");
  public static final Key<String> UPLINK_BACKFILL = new Key<>("uplink", "backfill", oneOf("oldest", "newest"),
      "oldest", "Which end of the backlog goes first once live segments are sent.");
  public static final Key<Integer> UPLINK_LIVE_WINDOW = new Key<>("uplink", "live_window", integer(3, 100), 8,
      "Segments in each camera's live playlist.");

  public static final Key<Double> UPLINK_LIVE_MAX_AGE = new Key<>("uplink", "live_max_age", seconds(0.5, 60), 2.0,
      "A segment still waiting this long after it ends is sent with the backlog instead, and the live stream"
      + " jumps ahead at the next key frame: live stays live, nothing is lost.");

  public static final Key<Long> UPLINK_DATA_BUDGET = new Key<>("uplink", "data_budget", monthlyBytes(), 0L,
      "The data plan, bytes a month on the uplink (HTTP and MQTT, headers included), e.g. 20GiB or 20GiB/month;"
      + " 0 for none. Paced to last until uplink.budget_renewal_day; once spent, only a snapshot every"
      + " uplink.heartbeat_interval and MQTT health until then.");
  public static final Key<Integer> UPLINK_BUDGET_RENEWAL_DAY = new Key<>("uplink", "budget_renewal_day",
      integer(1, 28), 1, "Day of the month (00:00 UTC) the data plan renews.");
  public static final Key<Double> UPLINK_HEARTBEAT_INTERVAL = new Key<>("uplink", "heartbeat_interval",
      seconds(60, 86_400), 900.0, "Once the data budget is spent: a snapshot this often.");

  public static final Key<Integer> RATE_FIXED_KBPS = new Key<>("rate", "fixed_kbps", integer(0, 50_000), 0,
      "With an uplink: 0 lets the rate controller pick each camera's rung from what the link delivers;"
      + " a number turns rate control off and encodes every camera at that many kbit/s.");
  public static final Key<Double> RATE_BACKFILL_SHARE = new Key<>("rate", "backfill_share", decimal(0, 0.9), 0.25,
      "Share of the measured capacity left for the backlog while there is one.");
  public static final Key<Boolean> RATE_FILL = new Key<>("rate", "fill", bool(), false,
      "With an uplink, keep every frame up to the rung's frame rate even while the scene is still"
      + " (smoother, many more bytes); false keeps one frame per analysis.idle_interval, as without an uplink.");
  public static final Key<Double> RATE_SEGMENT_SECONDS = new Key<>("rate", "segment_seconds", seconds(0.5, 10), 0.5,
      "Segment length with an uplink, still or moving: live video reaches the server about this much later.");
  public static final Key<Double> RATE_KEY_INTERVAL = new Key<>("rate", "key_interval", seconds(1, 600), 10.0,
      "Longest time between key frames with an uplink while something moves; while still,"
      + " encoder.max_key_interval (the live playlist reaches back to the last key frame).");

  public static final Key<String> LINK_MODEM = new Key<>("link", "modem", oneOf("none", "hilink", "at", "mmcli"),
      "none", "What to ask about the cellular link: a HiLink-style router's API, a USB modem's AT port,"
      + " ModemManager, or nothing.");
  public static final Key<String> LINK_MODEM_URL = new Key<>("link", "modem_url",
      withCredentials(text("https?://[^\\s]+", "an http:// or https:// address")), "http://192.168.8.1", "hilink only: the router's address.");
  public static final Key<String> LINK_MODEM_PORT = new Key<>("link", "modem_port", text("/\\S+", "a device path"),
      "/dev/ttyUSB2", "at only: the modem's AT command port.");
  public static final Key<String> LINK_MMCLI = new Key<>("link", "mmcli", text("/\\S+", "an absolute path"),
      "/usr/bin/mmcli", "mmcli only: where ModemManager's command-line tool is.");
  public static final Key<Double> LINK_MODEM_INTERVAL = new Key<>("link", "modem_interval", seconds(1, 600), 5.0,
      "How often the modem is asked.");

  public static final Key<String> MQTT_URL = new Key<>("mqtt", "url",
      withCredentials(text("|(tcp|ssl)://[^\\s,/]+(,(tcp|ssl)://[^\\s,/]+)*",
          "empty (MQTT off), or tcp://HOST:PORT or ssl://HOST:PORT; several, comma-separated, are tried in turn")),
      "", "The MQTT broker for health, events and commands (see CONTRACTS.md); empty turns MQTT off.");
  public static final Key<String> MQTT_TOPIC_PREFIX = new Key<>("mqtt", "topic_prefix",
      text("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*", "topic levels of A-Z a-z 0-9 _ - separated by /"),
      "cairn", "Topics are PREFIX/DEVICE-ID/state, …/health, …/event, …/cmd.");
  public static final Key<String> MQTT_USERNAME = new Key<>("mqtt", "username",
      text("[^\\s]{0,256}", "empty (no login), or a user name without spaces"), "", "User name for the broker.");
  public static final Key<String> MQTT_PASSWORD = new Key<>("mqtt", "password",
      secret(text(".{0,256}", "up to 256 characters")), "", "Password for the broker.");
  public static final Key<String> MQTT_CA_FILE = new Key<>("mqtt", "ca_file",
      text("|\\S.*", "empty, or a PEM file path"), "",
      "ssl:// only: PEM file of the CA that signed the broker's certificate; empty trusts the JVM's CAs.");
  public static final Key<String> MQTT_CLIENT_CERT = new Key<>("mqtt", "client_cert",
      text("|\\S.*", "empty, or a PEM file path"), "",
      "ssl:// only: this box's certificate (PEM), for brokers that ask for one; needs client_key.");
  public static final Key<String> MQTT_CLIENT_KEY = new Key<>("mqtt", "client_key",
      text("|\\S.*", "empty, or a PEM file path"), "",
      "ssl:// only: the private key of client_cert, unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY).");
  public static final Key<Double> MQTT_KEEPALIVE = new Key<>("mqtt", "keepalive", seconds(10, 1200), 120.0,
      "Ping the broker after this long without traffic: under the carrier's NAT timeout, yet few bytes.");
  public static final Key<Double> MQTT_RETRY_MAX = new Key<>("mqtt", "retry_max", seconds(1, 3600), 60.0,
      "Longest pause between connection attempts (the pause doubles from 1 s).");
  public static final Key<Double> MQTT_HEALTH_INTERVAL = new Key<>("mqtt", "health_interval",
      seconds(10, 86_400), 300.0, "How often health is published (retained); each costs about half a kB.");
  public static final Key<Double> MQTT_MOTION_HOLD = new Key<>("mqtt", "motion_hold", seconds(0, 3600), 30.0,
      "motion_end is sent once the camera has been still this long, so a busy scene costs few events.");
  public static final Key<Integer> MQTT_OUTBOX_MESSAGES = new Key<>("mqtt", "outbox_messages",
      integer(10, 100_000), 1000,
      "Messages kept on disk while the broker is unreachable; beyond it the oldest go first, counted.");
  public static final Key<Long> MQTT_SNAPSHOT_MAX = new Key<>("mqtt", "snapshot_max", bytes(4 << 10, 1 << 20),
      64L << 10, "Largest snapshot JPEG; quality, then size, go down until it fits.");
  public static final Key<String> MQTT_HMAC_KEY = new Key<>("mqtt", "hmac_key",
      secret(text("|.{16,256}", "empty (commands unsigned), or a shared key of 16 to 256 characters")), "",
      "When set, only commands signed with this key (HMAC-SHA256, see the README) are run.");
  public static final Key<Boolean> MQTT_DISCOVERY = new Key<>("mqtt", "discovery", bool(), true,
      "Announce the box to Home Assistant (MQTT discovery, retained).");
  public static final Key<String> MQTT_DISCOVERY_PREFIX = new Key<>("mqtt", "discovery_prefix",
      text("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*", "topic levels of A-Z a-z 0-9 _ - separated by /"),
      "homeassistant", "Home Assistant's discovery prefix.");

  public static final Key<String> OTA_MANIFEST_URL = new Key<>("ota", "manifest_url",
      text("|https?://[^\\s]+", "empty, or the http:// or https:// address of a release manifest"), "",
      "Where the MQTT command ota (without an address) and polling look for the latest release, e.g."
          + " https://HOST/cairn/latest.manifest (ota/README.md).");
  public static final Key<Double> OTA_POLL_INTERVAL = new Key<>("ota", "poll_interval",
      secondsOrOff(600, 30 * 86_400.0), 0.0,
      "How often to look at ota.manifest_url for a newer release; off waits for the MQTT command ota.");
  public static final Key<String> OTA_PUBLIC_KEY = new Key<>("ota", "public_key", text("/\\S+", "an absolute path"),
      "/etc/cairn/ota.pub", "The maintainer's Ed25519 public key (PEM); only releases it signed are installed.");
  public static final Key<Long> OTA_MAX_DOWNLOAD = new Key<>("ota", "max_download", bytes(1L << 20, 4L << 30),
      512L << 20, "Most bytes one update may fetch, resumes included; the data budget, when set, is a limit too.");
  public static final Key<Double> OTA_TRIAL_DEADLINE = new Key<>("ota", "trial_deadline", seconds(60, 86_400),
      600.0, "A new release that is not healthy this long after its start is stopped and the box goes back.");
  public static final Key<Double> OTA_HEALTHY_FOR = new Key<>("ota", "healthy_for", seconds(5, 3600), 60.0,
      "How long every camera, the spool and the watchdog must be fine before a new release commits.");
  public static final Key<Integer> OTA_TRIES = new Key<>("ota", "tries", integer(1, 10), 3,
      "Starts a new release gets to commit before the box goes back to the one before.");

  public static final Key<Integer> STATUS_PAGE_PORT = new Key<>("status_page", "port", integer(0, 65535), 0,
      "TCP port of the installer's read-only status page on the local network; 0 switches it off.");
  public static final Key<String> STATUS_PAGE_PASSWORD = new Key<>("status_page", "password",
      secret(text("|.{8,128}", "empty (no password), or 8 to 128 characters")), "",
      "When set, the status page asks for it (HTTP basic authentication, any user name). Never logged.");

  public static final Key<String> SYSTEM_REBOOT_COMMAND = new Key<>("system", "reboot_command",
      text("\\S.*", "a program and its arguments, separated by spaces (no shell)"), "systemctl reboot",
      "What the MQTT reboot command runs.");
  public static final Key<String> SYSTEM_SSH_KEY = new Key<>("system", "ssh_key",
      text("|(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com) [A-Za-z0-9+/]+={0,3}( .*)?",
          "empty, or one OpenSSH public key line (ssh-ed25519 AAAA... comment)"),
      "", "On the SD-card image: the public key that may log in as root over SSH (key only, no passwords);"
      + " empty leaves SSH without any key that can log in.");
  public static final Key<String> SYSTEM_WIFI_SSID = new Key<>("system", "wifi_ssid", text(".{0,32}", "up to 32 characters"),
      "", "On the SD-card image: the Wi-Fi network to join; empty for none (Ethernet or a USB modem).");
  public static final Key<String> SYSTEM_WIFI_PASSWORD = new Key<>("system", "wifi_password",
      secret(text("|[ -~]{8,63}", "empty (an open network), or 8 to 63 printable ASCII characters")), "",
      "On the SD-card image: the Wi-Fi password (WPA2/WPA3 personal). Never logged.");
  public static final Key<String> SYSTEM_WIFI_COUNTRY = new Key<>("system", "wifi_country",
      text("[A-Z]{2}", "a two-letter country code such as DE, FR, GB, US"), "GB",
      "On the SD-card image: the country whose Wi-Fi channel rules apply.");

  public static final Key<String> CAMERA_SOURCE = new Key<>(CAMERA, "source",
      withCredentials(text("testsrc|file:.+|rtsps?://.+|/dev/video[0-9]+",
          "testsrc, file:PATH, rtsp://[USER:PASSWORD@]HOST[:PORT]/PATH, /dev/videoN")),
      "testsrc", "Where frames come from.");
  public static final Key<Boolean> CAMERA_ENABLED = new Key<>(CAMERA, "enabled", bool(), true,
      "A disabled camera is configured but not captured.");
  public static final Key<Integer> CAMERA_WIDTH = new Key<>(CAMERA, "width", integer(0, 4096), 1280,
      "Width to request (testsrc, USB); 0 keeps the source's. Odd sizes are rounded down to even.");
  public static final Key<Integer> CAMERA_HEIGHT = new Key<>(CAMERA, "height", integer(0, 4096), 720,
      "Height to request (testsrc, USB); 0 keeps the source's.");
  public static final Key<Double> CAMERA_FPS = new Key<>(CAMERA, "fps", decimal(0, 120), 25.0,
      "Frame rate to request (testsrc, USB); 0 keeps the source's.");
  public static final Key<String> CAMERA_PATTERN = new Key<>(CAMERA, "pattern",
      oneOf("moving", "still", "alternate"), "alternate",
      "testsrc only: a moving box, a still scene, or 20 s still then 10 s moving.");
  public static final Key<Boolean> CAMERA_LOOP = new Key<>(CAMERA, "loop", bool(), true,
      "file only: start again at the end.");
  public static final Key<String> CAMERA_PIXEL_FORMAT = new Key<>(CAMERA, "pixel_format",
      text("[a-z0-9_]{0,16}", "empty for the device's default, or an FFmpeg name such as mjpeg, yuyv422"),
      "", "USB only: the pixel format to ask the camera for.");
  public static final Key<Double> CAMERA_TIMEOUT = new Key<>(CAMERA, "timeout", seconds(1, 120), 5.0,
      "RTSP only: give up connecting or reading after this long, then retry.");
  public static final Key<Double> CAMERA_RETRY_MAX = new Key<>(CAMERA, "retry_max", seconds(1, 600), 30.0,
      "Longest pause between reconnect attempts (the pause doubles from 1 s).");
  public static final Key<Integer> CAMERA_QUEUE = new Key<>(CAMERA, "queue_frames", integer(1, 64), 16,
      "Frames held between grabber and encoder; beyond it the oldest is dropped and counted.");

  public static final Key<Ladder> CAMERA_LADDER = new Key<>(CAMERA, "ladder", ladder(),
      Ladder.parse(Ladder.DEFAULT),
      "With an uplink: the rungs the rate controller chooses from, best first. A height at or above the camera's,"
      + " or an fps of 0, keeps the camera's.");
  public static final Key<Double> CAMERA_WEIGHT = new Key<>(CAMERA, "weight", decimal(0.1, 100), 1.0,
      "Share of the uplink against the other cameras (2 gets twice what 1 gets).");

  public static final List<Key<?>> GLOBAL_KEYS = List.of(
      DEVICE_ID, STORAGE_DIR, STORAGE_QUOTA, STORAGE_MIN_FREE, SEGMENT_SECONDS, SEGMENT_IDLE_SECONDS,
      ENCODER_CODEC, ENCODER_PRESET, ENCODER_CRF, ENCODER_MAX_KBPS, ENCODER_MAX_KEY_INTERVAL,
      ANALYSIS_IDLE_INTERVAL, ANALYSIS_MOTION_SHARE, ANALYSIS_MOTION_HOLD, ANALYSIS_NOISE_FACTOR,
      ANALYSIS_KEY_SIMILARITY, ANALYSIS_FREEZE_STILL_TILES, UPLINK_URL, UPLINK_USER, UPLINK_PASSWORD, UPLINK_TOKEN,
      UPLINK_CA_FILE, UPLINK_CONNECT_TIMEOUT, UPLINK_TIMEOUT, UPLINK_RETRY_MAX, UPLINK_BACKFILL, UPLINK_LIVE_WINDOW, UPLINK_LIVE_MAX_AGE,
      UPLINK_DATA_BUDGET, UPLINK_BUDGET_RENEWAL_DAY, UPLINK_HEARTBEAT_INTERVAL,
      RATE_FIXED_KBPS, RATE_BACKFILL_SHARE, RATE_FILL, RATE_SEGMENT_SECONDS, RATE_KEY_INTERVAL,
      LINK_MODEM, LINK_MODEM_URL, LINK_MODEM_PORT, LINK_MMCLI, LINK_MODEM_INTERVAL,
      MQTT_URL, MQTT_TOPIC_PREFIX, MQTT_USERNAME, MQTT_PASSWORD, MQTT_CA_FILE, MQTT_CLIENT_CERT, MQTT_CLIENT_KEY,
      MQTT_KEEPALIVE, MQTT_RETRY_MAX, MQTT_HEALTH_INTERVAL, MQTT_MOTION_HOLD, MQTT_OUTBOX_MESSAGES, MQTT_SNAPSHOT_MAX, MQTT_HMAC_KEY,
      MQTT_DISCOVERY, MQTT_DISCOVERY_PREFIX, OTA_MANIFEST_URL, OTA_POLL_INTERVAL, OTA_PUBLIC_KEY, OTA_MAX_DOWNLOAD,
      OTA_TRIAL_DEADLINE, OTA_HEALTHY_FOR, OTA_TRIES, STATUS_PAGE_PORT, STATUS_PAGE_PASSWORD,
      SYSTEM_REBOOT_COMMAND, SYSTEM_SSH_KEY, SYSTEM_WIFI_SSID, SYSTEM_WIFI_PASSWORD, SYSTEM_WIFI_COUNTRY);

  public static final List<Key<?>> CAMERA_KEYS = List.of(
      CAMERA_SOURCE, CAMERA_ENABLED, CAMERA_WIDTH, CAMERA_HEIGHT, CAMERA_FPS, CAMERA_PATTERN, CAMERA_LOOP,
      CAMERA_PIXEL_FORMAT, CAMERA_TIMEOUT, CAMERA_RETRY_MAX, CAMERA_QUEUE, CAMERA_LADDER, CAMERA_WEIGHT);

  /** The camera that runs when the config names none. */
  public static final String DEFAULT_CAMERA = "cam1";

  static final String CAMERA_NAME = "[a-z0-9][a-z0-9_-]{0,31}";

  /**
   * A value named by its dotted path ({@code mqtt.password}, {@code camera.cam1.source}) as the box
   * may show it: a secret key's value masked, credentials in an address masked.
   */
  public static String shown(String path, String text) {
    boolean secret = GLOBAL_KEYS.stream().anyMatch(k -> k.path().equals(path) && k.type().secret())
        || (path.startsWith("camera.") && CAMERA_KEYS.stream()
            .anyMatch(k -> path.endsWith("." + k.name()) && k.type().secret()));
    return secret && !text.isEmpty() ? "***" : Redact.text(text);
  }
}
