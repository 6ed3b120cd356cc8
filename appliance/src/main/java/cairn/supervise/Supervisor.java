package cairn.supervise;

import cairn.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Runs every long-lived stage of the appliance (after mediamtx's supervisor and Kura's watchdog):
 * restarts what fails after a jittered, capped back-off, logs each distinct failure once, and
 * tells whether every critical stage still checks in.
 *
 * <pre>{@code
 * Supervisor s = new Supervisor(clock, RandomGenerator.getDefault());
 * s.add("uplink", StagePolicy.critical(Duration.ofSeconds(120), Duration.ofSeconds(30)), uplink::run);
 * s.startChecks(Duration.ofSeconds(1));
 * if (s.criticalHealthy()) watchdog.alive();
 * }</pre>
 * Thread-safe.
 */
public final class Supervisor {
  private final Clock clock;
  private final RandomGenerator random;
  private final Map<String, SupervisedStage> stages = new ConcurrentHashMap<>();
  private final List<String> order = new CopyOnWriteArrayList<>();
  private volatile boolean checking;

  public Supervisor(Clock clock, RandomGenerator random) {
    this.clock = clock;
    this.random = random;
  }

  /** Starts {@code stage} on its own thread, named {@code name}. Names are unique. */
  public void add(String name, StagePolicy policy, Stage stage) {
    SupervisedStage s = new SupervisedStage(name, stage, policy, clock, random);
    if (stages.putIfAbsent(name, s) != null) {
      throw new IllegalArgumentException("a stage named " + name + " runs already");
    }
    order.add(name);
    s.start();
  }

  /** Looks at every stage's check-ins each {@code period}, on the clock's thread, until {@link #stopChecks}. */
  public void startChecks(Duration period) {
    checking = true;
    scheduleCheck(period);
  }

  private void scheduleCheck(Duration period) {
    clock.schedule(period, () -> {
      if (checking) {
        stages.values().forEach(SupervisedStage::check);
        scheduleCheck(period);
      }
    });
  }

  public void stopChecks() {
    checking = false;
  }

  /** True unless a critical stage is stuck: silent past its deadline, or not ending after being told to. */
  public boolean criticalHealthy() {
    return reports().stream().allMatch(r -> r.healthy() || !r.critical());
  }

  public List<StageReport> reports() {
    List<StageReport> out = new ArrayList<>();
    for (String name : order) {
      out.add(stages.get(name).report());
    }
    return out;
  }

  /** One line for systemd's STATUS=: "6 stages running" or what is not, e.g. "stuck: encode-cam1". */
  public String summary() {
    List<StageReport> all = reports();
    Map<StageState, List<String>> byState = all.stream().filter(r -> r.state() != StageState.RUNNING)
        .collect(Collectors.groupingBy(StageReport::state, TreeMap::new,
            Collectors.mapping(StageReport::name, Collectors.toList())));
    long running = all.size() - byState.values().stream().mapToInt(List::size).sum();
    StringBuilder b = new StringBuilder(running + " of " + all.size() + " stages running");
    byState.forEach((state, names) -> b.append("; ").append(state.name().toLowerCase(Locale.ROOT))
        .append(": ").append(String.join(", ", names)));
    return b.toString();
  }

  public StageState state(String name) {
    return stages.get(name).report().state();
  }

  /** Stops one stage and waits up to {@code wait} for its thread to end. */
  public void stop(String name, Duration wait) {
    SupervisedStage s = stages.get(name);
    if (s != null) {
      s.stop(wait);
    }
  }

  public boolean awaitState(String name, StageState state, Duration timeout) throws InterruptedException {
    return stages.get(name).awaitState(state, timeout);
  }
}
