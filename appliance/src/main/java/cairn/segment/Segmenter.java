package cairn.segment;

import cairn.config.CairnConfig.SegmentConfig;
import cairn.encode.EncodedPacket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Gathers one camera's packets into segments: {@code segment.seconds} long while something
 * moves, up to {@code segment.idle_seconds} while the scene is still (fewer requests on a metered
 * link). A segment is kept in memory until it is cut, so nothing half-written reaches the spool.
 *
 * <p>A segment spans from the capture of its first displayed frame to the capture of the next
 * segment's; cuts fall only before a frame that no earlier frame is predicted from backwards (not
 * before a B-frame), so segments never overlap in time. One thread only.
 */
public final class Segmenter {
  private final String camera;
  private final String bootId;
  private final SegmentConfig config;
  private final SegmentSink sink;
  private final BooleanSupplier clockSynced;
  private final List<EncodedPacket> packets = new ArrayList<>();
  private long firstMono;
  private long displayStartMono;
  private long displayStartWall;
  private long maxPts = Long.MIN_VALUE;
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

  /** Whether a cut may fall before this packet: it is not displayed before one already added. */
  public boolean isCutPoint(EncodedPacket p) {
    return p.pts90k() > maxPts;
  }

  /** Whether the open segment is long enough to cut before a frame captured at {@code monoNanos}. */
  public boolean due(long monoNanos, boolean motion) {
    if (packets.isEmpty()) {
      return false;
    }
    double limit = motion ? config.seconds() : config.idleSeconds();
    return monoNanos - firstMono >= (long) (limit * 1e9) - 1_000_000;
  }

  /** Adds a packet with the capture times of its picture. */
  public void add(EncodedPacket packet, long captureMono, long captureWall, int w, int h, String codecName) {
    if (packets.isEmpty()) {
      firstMono = captureMono;
      displayStartMono = captureMono;
      displayStartWall = captureWall;
      width = w;
      height = h;
      codec = codecName;
    } else if (captureMono < displayStartMono) {
      displayStartMono = captureMono;
      displayStartWall = captureWall;
    }
    maxPts = Math.max(maxPts, packet.pts90k());
    packets.add(packet);
  }

  /** Closes the open segment where the next one starts and hands it to the sink; nothing if empty. */
  public void cut(long endMono, long endWall) throws IOException {
    if (packets.isEmpty()) {
      return;
    }
    SegmentInfo draft = new SegmentInfo(camera, bootId, -1, displayStartMono, Math.max(endMono, displayStartMono),
        displayStartWall, Math.max(endWall, displayStartWall), clockSynced.getAsBoolean(), packets.get(0).key(),
        packets.size(), 0, "", width, height, packets.stream().mapToLong(EncodedPacket::pts90k).min().orElse(0),
        codec);
    List<EncodedPacket> content = List.copyOf(packets);
    packets.clear();
    sink.accept(new ClosedSegment(draft, content));
  }

  public boolean isEmpty() {
    return packets.isEmpty();
  }
}
