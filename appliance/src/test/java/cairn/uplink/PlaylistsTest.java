package cairn.uplink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaylistsTest {
  @TempDir Path dir;

  private static PlaylistEntry e(long seq, String boot) {
    return e(seq, boot, true);
  }

  private static PlaylistEntry e(long seq, String boot, boolean key) {
    return new PlaylistEntry(seq, 2.0, boot, 1_700_000_000_000L + seq * 2000, key, false);
  }

  @Test
  void theLiveWindowSlidesAndItsSequenceNumbersOnlyGrow() throws Exception {
    LivePlaylist p = new LivePlaylist(dir.resolve("live.json"), 3);
    for (long s = 10; s < 15; s++) {
      p.add(e(s, "b"));
    }
    String text = p.render();
    assertTrue(text.contains("#EXT-X-MEDIA-SEQUENCE:2\n"), text);
    assertTrue(text.contains("000000000012.ts\n") && text.contains("000000000014.ts\n"));
    assertFalse(text.contains("000000000011.ts"));
    assertFalse(text.contains("#EXT-X-ENDLIST"));
    LivePlaylist again = new LivePlaylist(dir.resolve("live.json"), 3);
    again.add(e(15, "b"));
    assertTrue(again.render().contains("#EXT-X-MEDIA-SEQUENCE:3\n"), "continues after a restart");
  }

  @Test
  void aGapOrARestartIsADiscontinuityAndCountsWhenItScrollsOut() throws Exception {
    LivePlaylist p = new LivePlaylist(dir.resolve("live.json"), 3);
    p.add(e(1, "b"));
    p.add(e(2, "b"));
    p.add(e(40, "b")); // an outage in between
    String text = p.render();
    assertTrue(text.contains("000000000002.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:"), text);
    p.add(e(41, "b"));
    p.add(e(1000, "c")); // a restart
    text = p.render();
    assertTrue(text.contains("#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), text);
    assertTrue(text.contains("000000000041.ts\n#EXT-X-DISCONTINUITY\n"), text);
  }

  @Test
  void theLivePlaylistAlwaysStartsAtAKeyFrameAndSaysToStartThere() throws Exception {
    LivePlaylist p = new LivePlaylist(dir.resolve("live.json"), 3);
    p.add(e(1, "b", true));
    for (long s = 2; s <= 6; s++) {
      p.add(e(s, "b", false));
    }
    String text = p.render();
    assertTrue(text.contains("#EXT-X-MEDIA-SEQUENCE:0\n"), "nothing dropped: 1 is the only key\n" + text);
    assertTrue(text.contains("#EXT-X-START:TIME-OFFSET=0.0,PRECISE=YES\n"));
    p.add(e(7, "b", true));
    p.add(e(8, "b", false));
    assertTrue(p.render().contains("000000000001.ts"), "7 leaves only 2 after it: keep reaching back to 1");
    p.add(e(9, "b", false));
    text = p.render();
    assertFalse(text.contains("000000000006.ts"), text);
    assertTrue(text.contains("#EXT-X-MEDIA-SEQUENCE:6\n") && text.contains("000000000007.ts"), text);
  }

  @Test
  void theArchiveListsEachSegmentOnceInCaptureOrderAndEndsWhenComplete() throws Exception {
    ArchiveIndex a = new ArchiveIndex(dir.resolve("cam").resolve("2026-11-21.tsv"));
    a.append(e(5, "b"));
    a.append(e(3, "b")); // backfilled later
    a.append(e(4, "b"));
    a.append(e(4, "b")); // sent again after a crash
    Files.writeString(dir.resolve("cam").resolve("2026-11-21.tsv"), "7\t2.0", java.nio.file.StandardOpenOption.APPEND);
    assertEquals(java.util.List.of(3L, 4L, 5L), a.entries().stream().map(PlaylistEntry::sequence).toList());
    String open = a.render(false);
    assertFalse(open.contains("#EXT-X-DISCONTINUITY\n"), open);
    assertFalse(open.contains("ENDLIST"));
    assertTrue(a.render(true).endsWith("000000000005.ts\n#EXT-X-ENDLIST\n"));
    assertTrue(open.contains("#EXT-X-TARGETDURATION:2\n"));
  }
}
