package cairn.segment;

import cairn.config.CairnConfig.SegmentConfig;
import cairn.encode.EncodedPacket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cuts one camera's packets into segments: {@code segment.seconds} long while something moves,
 * up to {@code segment.idle_seconds} while the scene is still (fewer requests on a metered link).
 * A segment is kept in memory until it is cut, so nothing half-written ever reaches the spool.
 * A segment spans from its first frame to the moment it was cut, so segments tile time.
 * One thread only.
 */
public final class Segmenter {
  private final String camera;
  private final String bootId;
  private final SegmentConfig config;
  private final SegmentSink sink;
  private final BooleanSupplier clockSynced;
  private final List<EncodedPacket> packets = new ArrayList<>();
  private long startMono;
  private long startWall;
  private int width;
  private int height;
  private String codec;

  public Segmenter(String camera, String bootId, SegmentConfig config, SegmentSink sink, BooleanSupplier clockSynced) {
    this.camera = camera;
    this.bootId = bootId;
    this.config = config;
    this.sink = sink;
    this.clockSynced = clockSynced;
  }

  /** Whether the open segment should be cut before a frame captured at {@code monoNanos}. */
  public boolean due(long monoNanos, boolean motion) {
    if (packets.isEmpty()) {
      return false;
    }
    double limit = motion ? config.seconds() : config.idleSeconds();
    return monoNanos - startMono >= (long) (limit * 1e9) - 1_000_000;
  }

  public void add(EncodedPacket packet, long captureMono, long captureWall, int w, int h, String codecName) {
    if (packets.isEmpty()) {
      startMono = captureMono;
      startWall = captureWall;
      width = w;
      height = h;
      codec = codecName;
    }
    packets.add(packet);
  }

  /** Closes the open segment at the given moment and hands it to the sink; nothing if empty. */
  public void cut(long endMono, long endWall) throws IOException {
    if (packets.isEmpty()) {
      return;
    }
    SegmentInfo draft = new SegmentInfo(camera, bootId, -1, startMono, endMono, startWall, endWall,
        clockSynced.getAsBoolean(), packets.get(0).key(), packets.size(), 0, "", width, height,
        packets.get(0).pts90k(), codec);
    List<EncodedPacket> content = List.copyOf(packets);
    packets.clear();
    sink.accept(new ClosedSegment(draft, content));
  }

  public boolean isEmpty() {
    return packets.isEmpty();
  }
}
