package cairn.uplink;

import cairn.config.CairnConfig.UplinkConfig;
import cairn.encode.KeyFrameRequester;
import cairn.segment.SegmentInfo;
import cairn.spool.SendOrder;
import cairn.spool.Spool;
import cairn.supervise.CheckIn;
import cairn.supervise.Stage;
import cairn.time.Ticker;
import cairn.uplink.UplinkRequest.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Moves segments from the spool to the owner's web server, several requests at a time, in the order {@link SendOrder}
 * gives (live first, clips asked for, then the backlog). The spool stays the single source of truth: a segment leaves
 * it only after the server answered 2xx to a PUT carrying exactly its bytes.
 *
 * <pre>
 *   dispatcher (the stage's thread)                         requests (one thread each, own kept-alive connection)
 *   ──────────────────────────────                          ─────────────────────────────────────────────────────
 *   snapshot waiting ──────────────────────────────────────▶ PUT snapshot.jpg
 *   live playlist owed (one in flight per camera) ─────────▶ PUT live.m3u8 (the newest text)
 *   while {@link InFlight} allows (bytes beyond the largest request within the estimate's round trips):
 *     SendOrder.next ── read + check sha256 (damaged: moved aside, never sent)
 *       live:    always, if no other live segment is in flight
 *       backlog: only with a request slot left for live
 *       after no answer: a HEAD first; if the server holds it whole, it is not sent again ──▶ PUT NNNNNNNNNNNN.ts
 *   answers ◀──────────────────────────────────────────────────────────────────────────────────────────────────┘
 *     2xx: spool.delivered, archive index; live: playlist in sequence order ({@link LiveTrail}), playlist owed
 *     else / no answer: keep it (it goes with the backlog), log once per kind of failure, start nothing new for a
 *                       back-off (1 s doubling to retry_max; answers of requests already in flight do not double it)
 *   link silent ({@link InFlight#silent}: no answer at all, or none for far longer than the requests out need):
 *     start nothing (what is recorded waits in the spool, not stuck in flight); with nothing out, a HEAD asks
 *     whether the link is back ──────────────────────────────────────────────────────────────────────────────▶ HEAD
 *   idle: archive playlists as {@link ArchiveSchedule} says
 * </pre>
 *
 * Threading: the dispatcher is a {@link Stage} on its own supervised thread and owns all state here; requests run on
 * threads of their own and hand their outcome back through a queue. The listener is called on the dispatcher.
 * Check-ins: every turn of the dispatcher (at least every {@value #IDLE_POLL_MILLIS} ms); a request is bounded by its
 * timeout. What ends the thread (an {@code Error}, a bug) is the supervisor's.
 */
public final class Uplink implements Stage {
  private static final Logger LOG = Logger.getLogger(Uplink.class.getName());
  private static final long KEY_REQUEST_PAUSE_NANOS = 5_000_000_000L;
  private static final long IDLE_POLL_MILLIS = 200;
  /** At stop, answers of requests in flight are awaited this long, so a stored segment is not sent again. */
  private static final long STOP_WAIT_MILLIS = 3_000;
  private static final String PLAYLIST_TYPE = "application/vnd.apple.mpegurl";

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
  private final LinkEstimate link;
  private final SendOrder order;
  private final Map<String, LivePlaylist> live = new HashMap<>();
  private final Map<String, LiveTrail> trails = new HashMap<>();
  /** Snapshots asked for over MQTT, newest per camera, sent before anything else. */
  private final Map<String, byte[]> snapshots = new ConcurrentHashMap<>();
  /** Segments whose last PUT got no answer: the server may hold them already. */
  private final Set<String> unanswered = new HashSet<>();
  private final Map<String, Long> lastKeyRequest = new ConcurrentHashMap<>();
  private final Archives archives;
  private final InFlight inFlight = new InFlight();
  private final Set<String> playlistOwed = new LinkedHashSet<>();
  private final Set<String> playlistInFlight = new HashSet<>();
  private BlockingQueue<UplinkRequest> answers = new LinkedBlockingQueue<>();
  private int requests;
  private boolean archiveInFlight;
  private boolean snapshotInFlight;
  /** Where the last request went: a HEAD there asks whether a silent link is back. */
  private URI probeTarget;
  private boolean silent;
  private volatile boolean stopping;
  private final Backoff backoff;
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

  public Uplink(UplinkConfig config, String device, String bootId, Spool spool, Ticker ticker,
      Path stateDir, Map<String, KeyFrameRequester> keyFrames, Consumer<UploadSample> listener, SendBudget budget)
      throws IOException {
    this(config, device, bootId, spool, ticker, stateDir, keyFrames, listener, budget, LinkEstimate.NONE);
  }

  /**
   * @param budget told every byte sent; says whether segments, and the backlog, may go
   * @param link what the link delivers, to bound the bytes in flight
   */
  public Uplink(UplinkConfig config, String device, String bootId, Spool spool, Ticker ticker,
      Path stateDir, Map<String, KeyFrameRequester> keyFrames, Consumer<UploadSample> listener, SendBudget budget,
      LinkEstimate link) throws IOException {
    this.budget = budget;
    this.link = link;
    this.config = config;
    this.spool = spool;
    this.ticker = ticker;
    this.bootId = bootId;
    this.layout = new RemoteLayout(config.url(), device);
    this.http = new HttpPut(config, budget::add);
    this.stateDir = stateDir;
    this.keyFrames = Map.copyOf(keyFrames);
    this.listener = listener;
    this.archives = new Archives(stateDir, layout, spool);
    this.backoff = new Backoff((long) (config.retryMaxS() * 1000));
    this.order = new SendOrder(spool, bootId, (long) (config.liveMaxAgeS() * 1e9), config.newestFirst(),
        this::lastLiveOfThisBoot, this::requestKeyFrame);
  }

  /** The order segments go in; the rate loop reads what waits from it. */
  public SendOrder order() {
    return order;
  }

  /** Stops after the answers of the requests in flight (a few seconds at most); then call {@link #flushPlaylists()}. */
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
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "uplink-request");
      t.setDaemon(true);
      return t;
    });
    // A queue per run: answers of requests abandoned by an earlier run go to that run's queue, not this one's.
    answers = new LinkedBlockingQueue<>();
    try {
      while (!stopping) {
        try {
          turn(threads);
        } catch (IOException | RuntimeException e) {
          if (stopping) {
            break; // a file read cut short by the stop's interrupt
          }
          // The spool or the state files failed (a disk error); requests' own failures come back as answers.
          failed("io", "upload failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
          backoff.failed(ticker.nanos(), ticker.nanos());
        }
        checkIn.progress();
      }
    } catch (InterruptedException e) {
      // stopping
    } finally {
      finish(threads);
    }
  }

  /** Starts what may go, or an archive playlist when idle; then takes the answers that came. */
  private void turn(ExecutorService threads) throws IOException, InterruptedException {
    boolean started = startWhatFits(threads);
    if (!started && requests == 0 && !archiveInFlight && !linkSilent()) {
      Optional<Archives.Due> due = archives.next(false);
      if (due.isPresent()) {
        archiveInFlight = true;
        submit(threads, UplinkRequest.of(Kind.ARCHIVE_PLAYLIST, due.get().uri(), "", due.get().text(), ticker.nanos()));
      }
    }
    UplinkRequest done = answers.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
    while (done != null) {
      ended(done);
      done = answers.poll();
    }
  }

  /** Waits a little for the answers still owed, so that what the server stored leaves the spool; drops the rest. */
  private void finish(ExecutorService threads) {
    long deadline = System.nanoTime() + STOP_WAIT_MILLIS * 1_000_000;
    boolean interrupted = Thread.interrupted(); // the stop's: wait for the answers all the same, then restore it
    try {
      while (requests > 0 && System.nanoTime() < deadline) {
        UplinkRequest done = answers.poll(50, TimeUnit.MILLISECONDS);
        if (done != null) {
          ended(done);
        }
      }
    } catch (InterruptedException | IOException | RuntimeException e) {
      LOG.fine(() -> "answers not awaited at stop: " + e);
    }
    threads.shutdownNow();
    // Whatever is still in flight may or may not reach the server: a HEAD first when it is sent again.
    requests = 0;
    archiveInFlight = false;
    snapshotInFlight = false;
    playlistInFlight.clear();
    trails.clear();
    order.abandonAll().forEach(s -> unanswered.add(key(s)));
    inFlight.clear();
    if (interrupted) {
      Thread.currentThread().interrupt();
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

  /**
   * Sends the camera's waiting segments that overlap {@code [from, to)} right after live ones, ahead
   * of the rest of the backlog (an operator pulling a clip). Any thread.
   *
   * @return how many segments of that range are waiting; 0 when all of it is on the server already
   *     or nothing was recorded then
   */
  public int sendFirst(String camera, long fromWallMillis, long toWallMillis) {
    return order.sendFirst(camera, fromWallMillis, toWallMillis);
  }

  /** Starts every request that may go now; true if a segment started. */
  private boolean startWhatFits(ExecutorService threads) throws IOException {
    if (backoff.holds(ticker.nanos())) {
      return false; // a back-off holds everything
    }
    if (linkSilent()) {
      if (probeTarget != null && inFlight.probeDue(ticker.nanos(), link.kbps(ticker.nanos()), link.roundTripNanos())) {
        submit(threads, UplinkRequest.of(Kind.PROBE, probeTarget, "", null, ticker.nanos()));
      }
      return false;
    }
    if (!snapshots.isEmpty() && !snapshotInFlight) {
      String camera = snapshots.keySet().iterator().next();
      snapshotInFlight = true;
      submit(threads, UplinkRequest.of(Kind.SNAPSHOT, layout.snapshot(camera), camera, snapshots.get(camera),
          ticker.nanos()));
    }
    for (String camera : List.copyOf(playlistOwed)) {
      if (!playlistInFlight.contains(camera)) {
        playlistOwed.remove(camera);
        playlistInFlight.add(camera);
        byte[] text = live(camera).render().getBytes(StandardCharsets.UTF_8);
        submit(threads, UplinkRequest.of(Kind.LIVE_PLAYLIST, layout.livePlaylist(camera), camera, text, ticker.nanos()));
      }
    }
    if (!budget.segmentsAllowed()) {
      return false; // a spent budget keeps segments in the spool until the renewal (or a raise)
    }
    boolean started = false;
    while (true) {
      long now = ticker.nanos();
      InFlight.Room room = inFlight.room(link.kbps(now), link.roundTripNanos(), now);
      if (room == InFlight.Room.NONE) {
        break;
      }
      Optional<SendOrder.Pick> pick = room == InFlight.Room.ANY ? order.next(now, budget.backlogAllowed())
          : order.nextLive(now);
      if (pick.isEmpty()) {
        break;
      }
      SegmentInfo s = pick.get().segment();
      Optional<byte[]> bytes = spool.readVerified(s);
      if (bytes.isEmpty()) {
        order.done(s); // evicted meanwhile, or damaged (the spool moved it aside and said so)
        continue;
      }
      boolean isLive = pick.get().live();
      if (isLive) {
        trails.computeIfAbsent(s.camera(), c -> new LiveTrail()).sent(s.sequence());
      }
      long id = inFlight.start(s.bytes(), isLive, now);
      submit(threads, new UplinkRequest(Kind.SEGMENT, layout.segment(s), s.camera(), s, isLive, id, now, bytes.get(), null,
          null));
      started = true;
    }
    return started;
  }

  private void submit(ExecutorService threads, UplinkRequest request) {
    requests++;
    UplinkRequest r = request.inFlightId() >= 0 ? request : request.withInFlightId(inFlight.startSmall(ticker.nanos()));
    probeTarget = r.target();
    boolean check = r.kind() == Kind.SEGMENT && !unanswered.add(key(r.segment()));
    BlockingQueue<UplinkRequest> to = answers;
    threads.execute(() -> {
      try {
        to.add(r.ended(send(r, check), null));
      } catch (IOException e) {
        to.add(r.ended(null, e));
      } catch (RuntimeException e) {
        to.add(r.ended(null, new IOException(e.toString(), e)));
      }
    });
  }

  /** On a request's own thread. */
  private PutResult send(UplinkRequest r, boolean headFirst) throws IOException {
    return switch (r.kind()) {
      case SEGMENT -> {
        if (headFirst && http.sizeOf(r.target()) == r.segment().bytes()) {
          // The answer was lost, not the upload (an outage cut the reply): no need to send it again.
          yield new PutResult(200, 0, 0);
        }
        yield http.put(r.target(), r.body(), "video/mp2t", r.live());
      }
      case LIVE_PLAYLIST, ARCHIVE_PLAYLIST -> http.put(r.target(), r.body(), PLAYLIST_TYPE);
      case SNAPSHOT -> http.put(r.target(), r.body(), "image/jpeg");
      case PROBE -> http.probe(r.target());
    };
  }

  /** An answer (or its absence), on the dispatcher. */
  private void ended(UplinkRequest r) throws IOException {
    requests--;
    PutResult res = r.result();
    int status = res == null ? 0 : res.status();
    inFlight.end(r.inFlightId(), ticker.nanos(), res != null);
    switch (r.kind()) {
      case SEGMENT -> segmentEnded(r, res);
      case LIVE_PLAYLIST -> {
        playlistInFlight.remove(r.camera());
        if (res == null || !res.ok()) {
          playlistOwed.add(r.camera()); // after the back-off, the newest text
        }
        // A playlist is too small to fill the link: its time is the round trip the link monitor needs.
        listener.accept(new UploadSample("", res == null ? 0 : res.bytes(), res == null ? 0 : res.nanos(), false,
            status));
      }
      case ARCHIVE_PLAYLIST -> {
        archiveInFlight = false;
        listener.accept(new UploadSample("", res == null ? 0 : res.bytes(), res == null ? 0 : res.nanos(), false,
            status));
      }
      case SNAPSHOT -> {
        snapshotInFlight = false;
        if (res != null && res.ok()) {
          snapshots.remove(r.camera(), r.body());
        }
      }
      case PROBE -> {
        if (res != null) {
          linkSilent(); // any answer: the link carries again
          return;
        }
      }
    }
    if (res == null) {
      IOException e = r.error();
      failed("io", "upload failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0);
      backoff.failed(r.startNanos(), ticker.nanos());
    } else if (!res.ok()) {
      failed("http" + status, describe(status, r.target()), status);
      backoff.failed(r.startNanos(), ticker.nanos());
    }
  }

  private void segmentEnded(UplinkRequest r, PutResult res) throws IOException {
    SegmentInfo s = r.segment();
    order.done(s);
    if (res != null) {
      unanswered.remove(key(s));
    }
    listener.accept(res == null ? new UploadSample(s.camera(), 0, ticker.nanos() - r.startNanos(), r.live(), 0)
        : new UploadSample(s.camera(), res.bytes(), res.nanos(), r.live(), res.status()));
    LiveTrail trail = r.live() ? trails.get(s.camera()) : null;
    if (res == null || !res.ok()) {
      if (trail != null) {
        addLive(s.camera(), trail.failed(s.sequence()));
      }
      return;
    }
    spool.delivered(s);
    recovered();
    PlaylistEntry entry = PlaylistEntry.of(s);
    archives.delivered(s);
    segmentsSent++;
    bytesSent += res.bytes();
    if (trail != null) {
      liveSent++;
      addLive(s.camera(), trail.delivered(entry));
    }
    publishStats("");
  }

  private void addLive(String camera, List<PlaylistEntry> due) throws IOException {
    if (due.isEmpty()) {
      return;
    }
    LivePlaylist playlist = live(camera);
    for (PlaylistEntry e : due) {
      playlist.add(e);
    }
    playlistOwed.add(camera);
  }

  private long lastLiveOfThisBoot(String camera) {
    try {
      PlaylistEntry last = live(camera).last();
      return last != null && last.bootId().equals(bootId) ? last.sequence() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static String key(SegmentInfo s) {
    return s.camera() + "/" + s.sequence();
  }

  private void requestKeyFrame(String camera) {
    long now = ticker.nanos();
    Long last = lastKeyRequest.get(camera);
    KeyFrameRequester r = keyFrames.get(camera);
    if (r != null && (last == null || now - last > KEY_REQUEST_PAUSE_NANOS)) {
      lastKeyRequest.put(camera, now);
      r.requestKeyFrame();
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

  /** Whether the link is silent now ({@link InFlight#silent}); says so in the log when that changes. */
  private boolean linkSilent() {
    long now = ticker.nanos();
    boolean nowSilent = inFlight.silent(now, link.kbps(now), link.roundTripNanos());
    if (nowSilent != silent) {
      silent = nowSilent;
      LOG.fine(silent ? "no answer from the server: nothing new is sent until it answers (recordings wait in the spool)"
          : "the server answers again");
    }
    return silent;
  }

  private void recovered() {
    if (!failureKind.isEmpty()) {
      LOG.info("uploads work again");
      failureKind = "";
    }
    backoff.succeeded();
  }

  private void publishStats(String error) {
    stats = new UplinkStats(segmentsSent, bytesSent, liveSent, failures, error,
        error.isEmpty() ? System.currentTimeMillis() : stats.lastSuccessWallMillis());
  }

  /** Sends the archive playlists still owed; after the stage has stopped. */
  public void flushPlaylists() {
    try {
      for (Optional<Archives.Due> due = archives.next(true); due.isPresent(); due = archives.next(true)) {
        PutResult r = http.put(due.get().uri(), due.get().text(), PLAYLIST_TYPE);
        if (!r.ok()) {
          failed("http" + r.status(), describe(r.status(), due.get().uri()), r.status());
        }
      }
    } catch (IOException e) {
      LOG.fine(() -> "archive playlists not sent at stop: " + e.getMessage());
    }
  }
}
