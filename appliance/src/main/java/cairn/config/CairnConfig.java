package cairn.config;

import static cairn.config.ConfigSchema.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The whole typed, validated configuration; built only by {@link ConfigLoader}. */
public record CairnConfig(
    String deviceId,
    StorageConfig storage,
    SegmentConfig segment,
    EncoderConfig encoder,
    AnalysisConfig analysis,
    UplinkConfig uplink,
    BudgetConfig budget,
    RateConfig rate,
    LinkConfig link,
    List<CameraConfig> cameras,
    ConfigValues values) {

  public record StorageConfig(Path dir, long quotaBytes, long minFreeBytes) {}

  public record SegmentConfig(double seconds, double idleSeconds) {}

  public record EncoderConfig(String codec, String preset, int crf, int maxKbps, double maxKeyIntervalS) {}

  public record AnalysisConfig(double idleIntervalS, double motionShare, double motionHoldS, double noiseFactor,
      double keySimilarity, boolean freezeStillTiles) {}

  /** {@code url} empty means no uplink. Credentials are here only; nothing logs this record. */
  public record UplinkConfig(String url, String user, String password, String token, String caFile,
      double connectTimeoutS, double timeoutS, double retryMaxS, boolean newestFirst, int liveWindow,
      double liveMaxAgeS) {
    public boolean enabled() {
      return !url.isEmpty();
    }

    @Override
    public String toString() {
      return "UplinkConfig[url=" + Redact.url(url) + "]";
    }
  }

  /**
   * The data plan: {@code bytes} a period (0: no budget), renewed at 00:00 UTC on {@code renewalDay}
   * of each month; once spent, a snapshot every {@code heartbeatS} and MQTT health only.
   */
  public record BudgetConfig(long bytes, int renewalDay, double heartbeatS) {
    public boolean enabled() {
      return bytes > 0;
    }
  }

  /**
   * How the uplink's capacity is shared out. Rate control (adaptive or fixed) applies only with an
   * uplink: without one there is nothing to adapt to, and the encoder runs on quality (CRF) alone.
   */
  public record RateConfig(int fixedKbps, double backfillShare, boolean fill, double segmentSeconds,
      double keyIntervalS) {
    public boolean adaptive() {
      return fixedKbps == 0;
    }
  }

  /** Where the modem is asked about the link; the keys are those of cairn.hardware.modem.ModemSettings. */
  public record LinkConfig(String modem, String modemUrl, String modemPort, String mmcli, double intervalS) {}

  static CairnConfig from(ConfigValues v) {
    List<CameraConfig> cams = new ArrayList<>();
    for (String name : v.cameraNames()) {
      if (v.camera(name, CAMERA_ENABLED)) {
        cams.add(CameraConfig.from(name, v));
      }
    }
    return new CairnConfig(
        v.get(DEVICE_ID),
        new StorageConfig(expandHome(v.get(STORAGE_DIR)), v.get(STORAGE_QUOTA), v.get(STORAGE_MIN_FREE)),
        new SegmentConfig(v.get(SEGMENT_SECONDS), v.get(SEGMENT_IDLE_SECONDS)),
        new EncoderConfig(v.get(ENCODER_CODEC), v.get(ENCODER_PRESET), v.get(ENCODER_CRF),
            v.get(ENCODER_MAX_KBPS), v.get(ENCODER_MAX_KEY_INTERVAL)),
        new AnalysisConfig(v.get(ANALYSIS_IDLE_INTERVAL), v.get(ANALYSIS_MOTION_SHARE), v.get(ANALYSIS_MOTION_HOLD),
            v.get(ANALYSIS_NOISE_FACTOR), v.get(ANALYSIS_KEY_SIMILARITY), v.get(ANALYSIS_FREEZE_STILL_TILES)),
        uplink(v, UrlCredentials.of(v.get(UPLINK_URL))),
        new BudgetConfig(v.get(UPLINK_DATA_BUDGET), v.get(UPLINK_BUDGET_RENEWAL_DAY), v.get(UPLINK_HEARTBEAT_INTERVAL)),
        new RateConfig(v.get(RATE_FIXED_KBPS), v.get(RATE_BACKFILL_SHARE), v.get(RATE_FILL),
            v.get(RATE_SEGMENT_SECONDS), v.get(RATE_KEY_INTERVAL)),
        new LinkConfig(v.get(LINK_MODEM), v.get(LINK_MODEM_URL), v.get(LINK_MODEM_PORT), v.get(LINK_MMCLI),
            v.get(LINK_MODEM_INTERVAL)),
        List.copyOf(cams),
        v);
  }

  /** Credentials written into {@code uplink.url} count as {@code uplink.user} and {@code uplink.password}. */
  private static UplinkConfig uplink(ConfigValues v, UrlCredentials inUrl) {
    String user = inUrl.present() ? inUrl.user() : v.get(UPLINK_USER);
    String password = inUrl.present() ? inUrl.password() : v.get(UPLINK_PASSWORD);
    return new UplinkConfig(inUrl.url(), user, password, v.get(UPLINK_TOKEN), v.get(UPLINK_CA_FILE),
        v.get(UPLINK_CONNECT_TIMEOUT), v.get(UPLINK_TIMEOUT), v.get(UPLINK_RETRY_MAX),
        v.get(UPLINK_BACKFILL).equals("newest"), v.get(UPLINK_LIVE_WINDOW), v.get(UPLINK_LIVE_MAX_AGE));
  }

  static Path expandHome(String p) {
    if (p.equals("~") || p.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + p.substring(1));
    }
    return Path.of(p);
  }
}
