package cairn.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.uplink.UploadSample;
import org.junit.jupiter.api.Test;

class LinkMonitorTest {
  private static final long S = 1_000_000_000L;

  private static UploadSample put(long bytes, double kbps) {
    return new UploadSample("cam1", bytes, (long) (bytes * 8e6 / kbps), true, 201);
  }

  @Test
  void estimatesALowPercentileOfRequestGoodputNotTheMean() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    for (double kbps : new double[] {400, 1000, 1100, 1200, 3000}) {
      m.record(put(40_000, kbps), t += S);
    }
    double estimate = m.estimateKbps(t).getAsDouble();
    assertEquals(1140, estimate, 1, "the 60th percentile of five, where the mean would say 1340");
  }

  @Test
  void smallRequestsMeasureTheRoundTripAndAreLeftOut() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    for (int i = 0; i < 5; i++) {
      m.record(put(40_000, 1000), t += S);
      m.record(put(400, 640), t += S); // a playlist: 5 ms, as good as all round trip
    }
    assertEquals(40_000 * 8 / (0.320 - 0.005) / 1000, m.estimateKbps(t).getAsDouble(), 1,
        "the 5 ms round trip is taken off");
  }

  @Test
  void aLongRoundTripIsNotTakenForASlowLink() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    for (int i = 0; i < 5; i++) {
      // 40 kB at 1000 kbit/s takes 320 ms, plus a 200 ms round trip; a playlist takes the round trip alone.
      m.record(new UploadSample("cam1", 40_000, 520_000_000L, true, 201), t += S);
      m.record(new UploadSample("cam1", 400, 200_000_000L, true, 201), t += S);
    }
    assertEquals(200_000_000L, m.roundTripNanos());
    assertEquals(1000, m.estimateKbps(t).getAsDouble(), 1, "40 kB in 320 ms, not in 520");
  }

  @Test
  void aSmallRequestSlowedByADipIsNotTakenForTheRoundTrip() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    m.record(new UploadSample("cam1", 400, 20_000_000L, true, 201), t += S); // the round trip: 20 ms
    for (int i = 0; i < 5; i++) {
      // In a dip a playlist waits 300 ms for the link, and 40 kB take 400 ms at 800 kbit/s.
      m.record(new UploadSample("cam1", 400, 300_000_000L, true, 201), t += S);
      m.record(new UploadSample("cam1", 40_000, 400_000_000L, true, 201), t += S);
    }
    assertEquals(20_000_000L, m.roundTripNanos(), "the fastest small request");
    assertEquals(40_000 * 8 / 0.380 / 1000, m.estimateKbps(t).getAsDouble(), 1,
        "not 40 kB in 100 ms (3200 kbit/s) for a link that gives 800");
  }

  @Test
  void aSegmentJustUnderTheSampleSizeIsNoRoundTrip() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    for (int i = 0; i < 5; i++) {
      // On an 800 kbit/s link a 5.9 kB segment takes 59 ms of transfer; taken off a 7 kB one's 70 ms it
      // would leave 11 ms (5 Mbit/s).
      m.record(put(5_900, 800), t += S);
      m.record(put(7_000, 800), t += S);
    }
    assertEquals(0, m.roundTripNanos(), "no request small enough to be a round trip");
    assertEquals(800, m.estimateKbps(t).getAsDouble(), 1);
  }

  @Test
  void keepsTheLastEstimateWhenTheWindowEmptiesAndNeedsThreeSamplesFirst() {
    LinkMonitor m = new LinkMonitor();
    m.record(put(40_000, 800), S);
    m.record(put(40_000, 800), 2 * S);
    assertTrue(m.estimateKbps(2 * S).isEmpty(), "two samples are not an estimate");
    m.record(put(40_000, 800), 3 * S);
    assertEquals(800, m.estimateKbps(3 * S).getAsDouble(), 1);
    assertEquals(800, m.estimateKbps(300 * S).getAsDouble(), 1, "nothing new in the window: the last one holds");
  }

  @Test
  void theRecentFigureIsTheLastFewSecondsAloneAndNeedsFourSamples() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    for (int i = 0; i < 3; i++) {
      m.record(put(40_000, 1200), t += S / 2);
    }
    assertTrue(m.recentKbps(t).isEmpty(), "three samples are not enough");
    m.record(put(40_000, 1200), t += S / 2);
    assertEquals(1200, m.recentKbps(t).getAsDouble(), 1);
    for (int i = 0; i < 5; i++) {
      m.record(put(40_000, 300), t += 3 * S / 2); // a dip: 40 kB take 1.07 s, one every 1.5 s
    }
    assertEquals(300, m.recentKbps(t).getAsDouble(), 1, "only the dip's four in the last 5 s");
    for (int i = 0; i <= 10; i++) {
      m.record(put(40_000, 1000 + 50 * i), t += S / 2);
    }
    assertEquals(1100, m.recentKbps(t).getAsDouble(), 1, "the dip has left the last 5 s: the 20th percentile of "
        + "1000, 1050 ... 1500");
    assertTrue(m.estimateKbps(t).getAsDouble() >= 1100, "the estimate believes the recent low end when higher");
  }

  @Test
  void onASlowLinkSegmentsUnderSixKilobytesAreSamplesSoTheLinkIsSeenComingBack() {
    LinkMonitor m = new LinkMonitor();
    long t = 0;
    for (int i = 0; i < 20; i++) {
      m.record(new UploadSample("cam1", 500, 150_000_000L, true, 204), t += S / 2); // playlists: the 150 ms round trip
      m.record(new UploadSample("cam1", 6_500, 150_000_000L + 6_500 * 8_000_000L / 80, true, 201), t += S / 2);
    }
    assertEquals(80, m.estimateKbps(t).getAsDouble(), 10, "a dip: 80 kbit/s (and the playlists' bytes beside)");
    assertEquals(2_001, m.sampleBytes(), "a round trip at 80 kbit/s is 1.5 kB: anything above a playlist counts");
    // The dip is over (1000 kbit/s), but the rung it left behind makes 3.75 kB segments.
    for (int i = 0; i < 40; i++) {
      m.record(new UploadSample("cam1", 500, 150_000_000L, true, 204), t += S / 4);
      m.record(new UploadSample("cam1", 3_750, 150_000_000L + 3_750 * 8_000_000L / 1000, true, 201), t += S / 4);
    }
    assertTrue(m.estimateKbps(t).getAsDouble() > 700, "the link is seen again: " + m.estimateKbps(t));
    assertEquals(6_000, m.sampleBytes(), "at that rate a round trip is 19 kB: back to 6 kB");
  }

  @Test
  void failuresCountButDoNotDeliver() {
    LinkMonitor m = new LinkMonitor();
    m.record(put(40_000, 800), S);
    m.record(new UploadSample("cam1", 40_000, 5 * S, true, 0), 6 * S);
    assertEquals(1, m.failures());
    assertEquals(S, m.lastDeliveryNanos());
    assertEquals(40_000 * 8 / 1000.0 / 10, m.deliveredKbps(6 * S, 10 * S), 0.01);
  }

  @Test
  void requestsThatShareTheLinkAreMeasuredTogetherNotEachAtItsShare() {
    LinkMonitor m = new LinkMonitor();
    long t = 10 * S;
    // Two 50 kB requests at a time on a 800 kbit/s link: each takes 1 s, and alone would seem to get 400 kbit/s.
    for (int i = 0; i < 6; i++) {
      m.record(new UploadSample("cam1", 50_000, S, true, 201), t + S);
      m.record(new UploadSample("cam1", 50_000, S, true, 201), t + S + S / 100);
      t += S;
    }
    assertEquals(800, m.estimateKbps(t + S).getAsDouble(), 20);
  }

  @Test
  void smallRequestsSlowerThanTheBaseRoundTripAreTheQueueSignal() {
    LinkMonitor m = new LinkMonitor();
    m.record(new UploadSample("", 400, 150_000_000L, false, 201), S);
    m.record(new UploadSample("", 400, 160_000_000L, false, 201), 5 * S);
    assertEquals(10_000_000L, m.queueDelayNanos(5 * S));
    m.record(new UploadSample("", 400, 950_000_000L, false, 201), 9 * S);
    assertEquals(800_000_000L, m.queueDelayNanos(9 * S), "0.8 s in front of the link");
    assertEquals(150_000_000L, m.roundTripNanos(), "the base stays the minimum");
  }
}
