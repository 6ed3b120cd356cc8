package cairn.uplink;

import cairn.config.CairnConfig.UplinkConfig;
import cairn.encode.KeyFrameRequester;
import cairn.segment.SegmentInfo;
import cairn.spool.Spool;
import cairn.supervise.CheckIn;
import cairn.supervise.Stage;
import cairn.time.Ticker;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Moves segments from the spool to the owner's web server: live segments first, the backlog with
 * whatever capacity is left. The spool stays the single source of truth: a segment leaves it only
 * after the server answered 2xx to a PUT carrying exactly its bytes.
 *
 * <pre>
 *   pick ── (budget spent: nothing but snapshots; budget paced: no backlog)
 *    │     live: the next segment after the last one sent live, if it is fresh (uplink.live_max_age) and
 *    │           decodes after it (it follows it, or starts with a key frame; if not, ask the
 *    │           camera for a key frame and send this one as backlog)
 *    │     clips asked for (sendFirst), oldest first
 *    │     backlog: the oldest (or newest) of the rest
 *    ▼
 *   read + check sha256 ── damaged → moved aside, error event, never sent
 *    ▼
 *   PUT ── 2xx → spool.delivered, live playlist (if live), archive index; back-off reset
 *       └─ else / no answer → keep it, log once per kind of failure, wait (1 s doubling to retry_max);
 *          after no answer, a HEAD first: if the server holds it whole, it is not sent again
 * </pre>
 *
 * Threading: a {@link Stage} on its own supervised thread; the listener is called on it. A failed
 * request is its own business (retried with back-off, the segment keeps its place); what ends the
 * thread (an {@code Error}, a bug) is the supervisor's. Check-ins: each request that finishes, each
 * idle look at the spool.
 */
public final class Uplink implements Stage {
  private static final Logger LOG = Logger.getLogger(Uplink.class.getName());
  private static final long KEY_REQUEST_PAUSE_NANOS = 5_000_000_000L;
  private static final long IDLE_POLL_MILLIS = 200;

  private final UplinkConfig config;
  private final Spool spool;
  private final Ticker ticker;
  private final String bootId;
  private final RemoteLayout layout;
  private final HttpPut http;
  private final Path stateDir;
  private final Map<String, KeyFrameRequester> keyFrames;
  private final Consumer<UploadSample> listener;
  private final SendBudget budget;
  private final long liveMaxAgeNanos;
  private final Map<String, LivePlaylist> live = new HashMap<>();
  /** Snapshots asked for over MQTT, newest per camera, sent before anything else. */
  private final Map<String, byte[]> snapshots = new java.util.concurrent.ConcurrentHashMap<>();
  /** Segments whose last PUT got no answer: the server may hold them already. */
  private final Set<String> unanswered = new java.util.HashSet<>();
  /** Time ranges asked for ahead of the backlog ({@link #sendFirst}); written by any thread. */
  private final java.util.concurrent.CopyOnWriteArrayList<ClipRange> clips = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Map<String, Long> lastKeyRequest = new HashMap<>();
  private final ArchiveSchedule archiveSchedule = new ArchiveSchedule();
  private final Set<String> archiveDirty = new LinkedHashSet<>();
  private volatile boolean stopping;
  private long backoffMillis;
  private volatile String failureKind = "";
  private long segmentsSent;
  private long bytesSent;
  private long liveSent;
  private long failures;
  private volatile UplinkStats stats = new UplinkStats(0, 0, 0, 0, "", 0);

  public Uplink(UplinkConfig config, String device, String bootId, Spool spool, Ticker ticker,
      Path stateDir, Map<String, KeyFrameRequester> keyFrames, Consumer<UploadSample> listener) throws IOException {
    this(config, device, bootId, spool, ticker, stateDir, keyFrames, listener, SendBudget.UNLIMITED);
  }

  /** @param budget told every byte sent; says whether segments, and the backlog, may go */
  public Uplink(UplinkConfig config, String device, String bootId, Spool spool, Ticker ticker,
      Path stateDir, Map<String, KeyFrameRequester> keyFrames, Consumer<UploadSample> listener, SendBudget budget)
      throws IOException {
    this.budget = budget;
    this.config = config;
    this.spool = spool;
    this.ticker = ticker;
    this.bootId = bootId;
    this.layout = new RemoteLayout(config.url(), device);
    this.http = new HttpPut(config, budget::add);
    this.stateDir = stateDir;
    this.keyFrames = Map.copyOf(keyFrames);
    this.listener = listener;
    this.liveMaxAgeNanos = (long) (config.liveMaxAgeS() * 1e9);
  }

  /** Stops after the request in flight; then call {@link #flushPlaylists()}. */
  @Override
  public void stop(Thread attempt) {
    stopping = true;
    attempt.interrupt();
  }

  public UplinkStats stats() {
    return stats;
  }

  /** True while the last request was refused for its credentials (HTTP 401 or 403). Any thread. */
  public boolean authRefused() {
    String kind = failureKind;
    return kind.equals("http401") || kind.equals("http403");
  }

  @Override
  public void run(CheckIn checkIn) {
    while (!stopping) {
      try {
        boolean sent = sendOne();
        checkIn.progress();
        if (!sent) {
          refreshArchives(false);
          Thread.sleep(IDLE_POLL_MILLIS);
        }
      } catch (InterruptedException | java.io.InterruptedIOException e) {
        return;
      } catch (IOException | RuntimeException e) {
        failed("io", "upload failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
        checkIn.progress();
        if (!pause()) {
          return;
        }
      }
    }
  }

  /**
   * Uploads a JPEG as the camera's {@code snapshot.jpg} before the next segment; a newer one
   * replaces one not yet sent. Any thread.
   *
   * @return where it will be
   */
  public URI sendSnapshot(String camera, byte[] jpeg) {
    snapshots.put(camera, jpeg.clone());
    return layout.snapshot(camera);
  }

  private boolean sendSnapshots() throws IOException {
    boolean sent = false;
    for (String camera : List.copyOf(snapshots.keySet())) {
      byte[] jpeg = snapshots.get(camera);
      PutResult r = http.put(layout.snapshot(camera), jpeg, "image/jpeg");
      if (!r.ok()) {
        failed("http" + r.status(), describe(r.status(), layout.snapshot(camera)), r.status());
        return sent;
      }
      snapshots.remove(camera, jpeg);
      sent = true;
    }
    return sent;
  }

  /** Sends a waiting snapshot or the most urgent segment; false if there was nothing. */
  private boolean sendOne() throws IOException {
    if (!snapshots.isEmpty() && sendSnapshots()) {
      return true;
    }
    List<SegmentInfo> pending = spool.pending();
    if (pending.isEmpty() || !budget.segmentsAllowed()) {
      return false; // a spent budget keeps segments in the spool until the renewal (or a raise)
    }
    Choice choice = choose(pending);
    if (choice == null) {
      return false;
    }
    Optional<byte[]> bytes = spool.readVerified(choice.segment());
    if (bytes.isEmpty()) {
      return true; // evicted meanwhile, or damaged (the spool moved it aside and said so)
    }
    SegmentInfo s = choice.segment();
    String key = s.camera() + "/" + s.sequence();
    PutResult r;
    if (unanswered.contains(key) && http.sizeOf(layout.segment(s)) == s.bytes()) {
      // The answer was lost, not the upload (an outage cut the reply): no need to send it again.
      r = new PutResult(200, 0, 0);
    } else {
      unanswered.add(key);
      r = http.put(layout.segment(s), bytes.get(), "video/mp2t");
    }
    unanswered.remove(key);
    listener.accept(new UploadSample(s.camera(), r.bytes(), r.nanos(), choice.live(), r.status()));
    if (!r.ok()) {
      failed("http" + r.status(), describe(r.status(), layout.segment(s)), r.status());
      if (!pause()) {
        throw new java.io.InterruptedIOException();
      }
      return true;
    }
    spool.delivered(s);
    recovered();
    PlaylistEntry entry = PlaylistEntry.of(s);
    archive(s.camera(), RemoteLayout.day(s.startWallMillis())).append(entry);
    archiveDirty.add(s.camera() + "/" + RemoteLayout.day(s.startWallMillis()));
    archiveSchedule.added(s.camera() + "/" + RemoteLayout.day(s.startWallMillis()));
    segmentsSent++;
    bytesSent += r.bytes();
    if (choice.live()) {
      liveSent++;
      LivePlaylist playlist = live(s.camera());
      playlist.add(entry);
      putPlaylist(layout.livePlaylist(s.camera()), playlist.render());
    }
    publishStats("");
    return true;
  }

  record Choice(SegmentInfo segment, boolean live) {}

  private record ClipRange(String camera, long fromWallMillis, long toWallMillis) {
    boolean covers(SegmentInfo s) {
      return s.camera().equals(camera) && s.endWallMillis() > fromWallMillis && s.startWallMillis() < toWallMillis;
    }
  }

  /**
   * Sends the camera's waiting segments that overlap {@code [from, to)} right after live ones, ahead
   * of the rest of the backlog (an operator pulling a clip). Any thread.
   *
   * @return how many segments of that range are waiting; 0 when all of it is on the server already
   *     or nothing was recorded then
   */
  public int sendFirst(String camera, long fromWallMillis, long toWallMillis) {
    ClipRange range = new ClipRange(camera, fromWallMillis, toWallMillis);
    int waiting = (int) spool.pending().stream().filter(range::covers).count();
    if (waiting > 0) {
      clips.add(range);
    }
    return waiting;
  }

  /**
   * Live first (see the class diagram), then clips asked for, else the backlog in the configured
   * order; null when only backlog waits and the budget holds it back.
   */
  Choice choose(List<SegmentInfo> pending) throws IOException {
    long now = ticker.nanos();
    Map<String, SegmentInfo> liveCandidate = new HashMap<>();
    for (SegmentInfo s : pending) {
      if (!s.bootId().equals(bootId) || now - s.endMonoNanos() > liveMaxAgeNanos
          || liveCandidate.containsKey(s.camera())) {
        continue;
      }
      PlaylistEntry last = live(s.camera()).last();
      boolean continues = last != null && last.bootId().equals(bootId) && last.sequence() + 1 == s.sequence();
      boolean after = last == null || !last.bootId().equals(bootId) || s.sequence() > last.sequence();
      if (after && (continues || s.startsWithKey())) {
        liveCandidate.put(s.camera(), s);
      } else if (after) {
        requestKeyFrame(s.camera(), now);
      }
    }
    if (!liveCandidate.isEmpty()) {
      SegmentInfo oldest = liveCandidate.values().stream()
          .min(java.util.Comparator.comparingLong(SegmentInfo::endMonoNanos)).orElseThrow();
      return new Choice(oldest, true);
    }
    java.util.Comparator<SegmentInfo> age = java.util.Comparator.comparingLong(SegmentInfo::startWallMillis)
        .thenComparingLong(SegmentInfo::sequence);
    for (ClipRange clip : clips) {
      Optional<SegmentInfo> next = pending.stream().filter(clip::covers).min(age);
      if (next.isPresent()) {
        return new Choice(next.get(), false);
      }
      clips.remove(clip);
    }
    if (!budget.backlogAllowed()) {
      return null;
    }
    SegmentInfo pick = config.newestFirst() ? pending.stream().max(age).orElseThrow()
        : pending.stream().min(age).orElseThrow();
    return new Choice(pick, false);
  }

  private void requestKeyFrame(String camera, long now) {
    Long last = lastKeyRequest.get(camera);
    KeyFrameRequester r = keyFrames.get(camera);
    if (r != null && (last == null || now - last > KEY_REQUEST_PAUSE_NANOS)) {
      lastKeyRequest.put(camera, now);
      r.requestKeyFrame();
    }
  }

  /** Archive playlists with new entries are re-sent as {@link ArchiveSchedule} says, and all of them at stop. */
  private void refreshArchives(boolean force) throws IOException {
    for (String key : List.copyOf(archiveDirty)) {
      String camera = key.substring(0, key.lastIndexOf('/'));
      String day = key.substring(key.lastIndexOf('/') + 1);
      boolean dayPending = spool.pending().stream()
          .anyMatch(s -> s.camera().equals(camera) && RemoteLayout.day(s.startWallMillis()).equals(day));
      boolean complete = !dayPending && day.compareTo(RemoteLayout.day(System.currentTimeMillis())) < 0;
      if (force || archiveSchedule.due(key, complete)) {
        putPlaylist(layout.archivePlaylist(camera, day), archive(camera, day).render(complete));
        archiveSchedule.sent(key);
        archiveDirty.remove(key);
      }
    }
  }

  private void putPlaylist(URI uri, String text) throws IOException {
    PutResult r = http.put(uri, text.getBytes(StandardCharsets.UTF_8), "application/vnd.apple.mpegurl");
    // A playlist is too small to fill the link: its time is the round trip the link monitor needs.
    listener.accept(new UploadSample("", r.bytes(), r.nanos(), false, r.status()));
    if (!r.ok()) {
      failed("http" + r.status(), describe(r.status(), uri), r.status());
    }
  }

  private LivePlaylist live(String camera) throws IOException {
    LivePlaylist p = live.get(camera);
    if (p == null) {
      java.nio.file.Files.createDirectories(stateDir.resolve(camera));
      p = new LivePlaylist(stateDir.resolve(camera).resolve("live.json"), config.liveWindow());
      live.put(camera, p);
    }
    return p;
  }

  private ArchiveIndex archive(String camera, String day) {
    return new ArchiveIndex(stateDir.resolve(camera).resolve(day + ".tsv"));
  }

  private static String describe(int status, URI uri) {
    String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
        + uri.getPath();
    return switch (status) {
      case 401, 403 -> "the server refused the upload (HTTP " + status + ") at " + where
          + ": check uplink.user, uplink.password or uplink.token, and the server's permissions";
      case 507 -> "the server has no space left (HTTP 507) at " + where;
      default -> "the server answered HTTP " + status + " to " + where;
    };
  }

  /** Logs a failure once per kind until something succeeds again. */
  private void failed(String kind, String message, int status) {
    failures++;
    if (!kind.equals(failureKind)) {
      failureKind = kind;
      if (status == 401 || status == 403) {
        LOG.severe(message);
      } else {
        LOG.warning(message + "; retrying with back-off");
      }
    }
    publishStats(message);
  }

  private void recovered() {
    if (!failureKind.isEmpty()) {
      LOG.info("uploads work again");
      failureKind = "";
    }
    backoffMillis = 0;
  }

  private boolean pause() {
    backoffMillis = backoffMillis == 0 ? 1000 : Math.min((long) (config.retryMaxS() * 1000), backoffMillis * 2);
    try {
      Thread.sleep(backoffMillis);
      return !stopping;
    } catch (InterruptedException e) {
      return false;
    }
  }

  private void publishStats(String error) {
    stats = new UplinkStats(segmentsSent, bytesSent, liveSent, failures, error,
        error.isEmpty() ? System.currentTimeMillis() : stats.lastSuccessWallMillis());
  }

  /** Sends the archive playlists still owed; after the stage has stopped. */
  public void flushPlaylists() {
    try {
      refreshArchives(true);
    } catch (IOException e) {
      LOG.fine(() -> "archive playlists not sent at stop: " + e.getMessage());
    }
  }
}
