package cairn.app;

import cairn.bus.Event;
import cairn.bus.EventBus;
import cairn.config.ConfigSchema;
import cairn.config.ConfigValues;
import cairn.config.Redact;
import cairn.health.Health;
import cairn.ota.BundleRefusedException;
import cairn.ota.BundleVerifier;
import cairn.ota.PemKeys;
import cairn.ota.RefusalCode;
import cairn.ota.device.BootId;
import cairn.ota.device.ByteAllowance;
import cairn.ota.device.Downloader;
import cairn.ota.device.Releases;
import cairn.ota.device.TrialTerms;
import cairn.ota.device.Updater;
import cairn.uplink.DataBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Application updates on the running box (ota/README.md): one at a time, on a thread of its own, asked for by the
 * MQTT command {@code ota} or by polling {@code ota.manifest_url} every {@code ota.poll_interval}. Each outcome is
 * an event ({@code ota_started}, {@code ota_refused}, {@code ota_failed}, {@code ota_installed}); after a switch
 * Cairn exits so that cairn-run starts the new release on trial.
 *
 * <p>Thread-safe: {@link #request} comes from the MQTT thread, polling from housekeeping, health from anywhere.
 */
final class Updates {
  private static final Logger LOG = Logger.getLogger(Updates.class.getName());

  private final Supplier<ConfigValues> config;
  private final Releases releases;
  private final EventBus bus;
  private final DataBudget budget;
  private final Runnable restart;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "ota");
    t.setDaemon(true);
    return t;
  });
  private volatile String state = "idle";
  private volatile String last = "";
  private final AtomicLong have = new AtomicLong();
  private final AtomicLong total = new AtomicLong();

  Updates(Supplier<ConfigValues> config, Releases releases, EventBus bus, DataBudget budget, Runnable restart) {
    this.config = config;
    this.releases = releases;
    this.bus = bus;
    this.budget = budget;
    this.restart = restart;
  }

  /**
   * Starts an update from {@code manifest}, or from {@code ota.manifest_url} when empty.
   *
   * @return the address it looks at, with any credentials masked
   * @throws IllegalStateException with one sentence when it cannot start
   */
  synchronized String request(Optional<String> manifest) {
    return request(manifest, false);
  }

  /** @param polled a poll that finds nothing new says so only in health, not with an event every time */
  private synchronized String request(Optional<String> manifest, boolean polled) {
    String url = manifest.orElse(config.get().get(ConfigSchema.OTA_MANIFEST_URL));
    if (url.isEmpty()) {
      throw new IllegalStateException("no manifest address: give one ({\"manifest\": \"https://…/latest.manifest\"})"
          + " or set ota.manifest_url");
    }
    if (!url.matches("https?://\\S+")) {
      throw new IllegalStateException("'manifest' must be an http:// or https:// address");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("'manifest' is not a valid address");
    }
    if (!state.equals("idle")) {
      throw new IllegalStateException("an update is already " + state);
    }
    Path key = Path.of(config.get().get(ConfigSchema.OTA_PUBLIC_KEY));
    if (!Files.isReadable(key)) {
      throw new IllegalStateException("the OTA public key " + key + " (ota.public_key) cannot be read");
    }
    state = "checking";
    worker.execute(() -> run(uri, key, polled));
    return Redact.url(url);
  }

  /** Polls {@code ota.manifest_url} when {@code ota.poll_interval} is set; a refusal to start is logged only. */
  void startPolling(ScheduledExecutorService timer) {
    double every = config.get().get(ConfigSchema.OTA_POLL_INTERVAL);
    if (every <= 0 || config.get().get(ConfigSchema.OTA_MANIFEST_URL).isEmpty()) {
      return;
    }
    long ms = (long) (every * 1000);
    timer.scheduleAtFixedRate(() -> {
      try {
        request(Optional.empty(), true);
      } catch (IllegalStateException e) {
        LOG.fine(() -> "no update check now: " + e.getMessage());
      }
    }, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void run(URI manifest, Path key, boolean polled) {
    long began = System.nanoTime();
    ConfigValues v = config.get();
    Instant at = Instant.now();
    try {
      BundleVerifier verifier = new BundleVerifier(PemKeys.readPublicKey(key));
      Downloader downloader = new Downloader(allowance(v.get(ConfigSchema.OTA_MAX_DOWNLOAD)), Duration.ofSeconds(20),
          40, d -> Thread.sleep(d.toMillis()));
      TrialTerms terms = new TrialTerms(v.get(ConfigSchema.OTA_TRIES), Math.round(v.get(ConfigSchema.OTA_TRIAL_DEADLINE)));
      Updater updater = new Updater(releases, verifier, downloader, terms, BootId.read(), new Updater.Listener() {
        @Override
        public void phase(Updater.Phase phase, String version) {
          state = phase.name().toLowerCase(Locale.ROOT);
          if (phase == Updater.Phase.DOWNLOADING) {
            bus.publish(Event.of("ota_started", Instant.now(), "version", version, "running",
                releasesRunning()));
          }
        }

        @Override
        public void progress(long bytes, long of) {
          have.set(bytes);
          total.set(of);
        }
      });
      Updater.Result r = updater.apply(manifest);
      double seconds = (System.nanoTime() - began) / 1e9;
      last = "installed " + r.version();
      LOG.info("update " + r.version() + " installed (" + r.payloadBytes() + " bytes, " + r.fetchedBytes()
          + " fetched in " + r.requests() + " requests, " + Math.round(seconds) + " s); restarting into it");
      bus.publish(Event.of("ota_installed", Instant.now(), "version", r.version(), "payload_bytes", r.payloadBytes(),
          "fetched_bytes", r.fetchedBytes(), "requests", r.requests(), "seconds", Math.round(seconds * 10) / 10.0));
      state = "restarting";
      restart.run();
    } catch (BundleRefusedException e) {
      finish(e.code() == RefusalCode.REPLAY ? "up_to_date" : "refused " + e.code());
      if (e.code() != RefusalCode.REPLAY || !polled) {
        bus.publish(Event.of("ota_refused", at, "code", e.code().name(), "reason", e.getMessage()));
      }
      LOG.info("update refused: " + e.code() + ": " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      finish("failed");
      String reason = Redact.text(String.valueOf(e.getMessage()));
      bus.publish(Event.of("ota_failed", at, "reason", reason));
      LOG.warning("update failed: " + reason);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finish("stopped");
    }
  }

  /** The outcome of a trial, told by {@link TrialWatch}. */
  void outcome(String outcome) {
    last = outcome;
  }

  private void finish(String outcome) {
    last = outcome;
    state = "idle";
  }

  private String releasesRunning() {
    try {
      return releases.runningName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Each update's own cap, and the data budget's: once that is spent, the download pauses until it renews. */
  private ByteAllowance allowance(long maxBytes) {
    AtomicLong fetched = new AtomicLong();
    return new ByteAllowance() {
      @Override
      public boolean mayFetch(long bytes) {
        return fetched.get() + bytes <= maxBytes && budget.state() != DataBudget.State.SPENT;
      }

      @Override
      public void fetched(long bytes) {
        fetched.addAndGet(bytes);
        budget.add(bytes);
      }
    };
  }

  Health.Ota health(String trial) {
    return new Health.Ota(trial.isEmpty() ? state : "trial", releasesRunning(), trial, last, have.get(), total.get());
  }

  void close() {
    worker.shutdownNow();
  }
}
