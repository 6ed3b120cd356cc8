package cairn.mqtt;

import cairn.config.CairnConfig;
import cairn.config.ConfigValues;
import cairn.encode.EncodingTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A box with one camera, {@code cam1}, that records what commands asked of it. */
final class FakeDevice implements DeviceControl {
  CairnConfig config;
  Snapshot snapshot;
  final List<String> calls = new ArrayList<>();
  Optional<Integer> clipWaiting = Optional.empty();

  FakeDevice(CairnConfig config) {
    this.config = config;
  }

  @Override
  public List<String> cameras() {
    return List.of("cam1");
  }

  @Override
  public Optional<Snapshot> snapshot(String camera, int maxBytes) {
    return Optional.ofNullable(snapshot);
  }

  @Override
  public void restartPipeline(String camera) {
    calls.add("restart " + camera);
  }

  @Override
  public void pinTarget(String camera, EncodingTarget target, Duration duration) {
    calls.add("pin " + camera + " " + target.maxKbps() + " " + duration.toMinutes() + "min");
  }

  @Override
  public ConfigValues config() {
    return config.values();
  }

  @Override
  public Set<String> reconfigure(CairnConfig next, Set<String> changed) {
    config = next;
    calls.add("reconfigure " + new java.util.TreeSet<>(changed));
    return changed.contains("encoder.max_kbps") ? Set.of("encoder.max_kbps") : Set.of();
  }

  @Override
  public Optional<Integer> sendClipFirst(String camera, java.time.Instant from, java.time.Instant to) {
    clipWaiting.ifPresent(n -> calls.add("clip " + camera + " " + from + " " + to));
    return clipWaiting;
  }

  @Override
  public Optional<String> uploadSnapshot(String camera, byte[] jpeg) {
    return uploadedSnapshots ? Optional.of("http://server/box/" + camera + "/snapshot.jpg") : Optional.empty();
  }

  boolean uploadedSnapshots;

  @Override
  public void reboot() {
    calls.add("reboot");
  }

  /** Refuses while {@link #updateBusy} says so, as the real one does while an update runs. */
  String updateBusy = "";

  @Override
  public String startUpdate(java.util.Optional<String> manifestUrl) {
    if (!updateBusy.isEmpty()) {
      throw new IllegalStateException(updateBusy);
    }
    calls.add("ota " + manifestUrl.orElse("(configured)"));
    return manifestUrl.orElse("(configured)");
  }
}
