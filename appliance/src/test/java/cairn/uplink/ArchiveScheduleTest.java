package cairn.uplink;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** How often a growing day playlist goes again. */
class ArchiveScheduleTest {
  @Test
  void aDayOfHalfSecondSegmentsIsSentAFewDozenTimesNotOncePerSegment() {
    ArchiveSchedule a = new ArchiveSchedule();
    int sends = 0;
    long bytesSent = 0;
    int entries = 0;
    for (int i = 0; i < 2 * 86_400; i++) { // a day of 0.5 s segments
      a.added("cam/day");
      entries++;
      if (a.due("cam/day", false)) {
        a.sent("cam/day");
        sends++;
        bytesSent += entries * 80L;
      }
    }
    assertTrue(sends < 60, sends + " sends");
    // The day's final playlist is about 14 MB: sent whole after every segment it would cost about 1.2 TB.
    assertTrue(bytesSent < 6 * entries * 80L, bytesSent + " bytes for a final size of " + entries * 80L);
  }

  @Test
  void aFewNewEntriesWaitButAFinishedDayGoesAtOnce() {
    ArchiveSchedule a = new ArchiveSchedule();
    a.added("cam/day");
    assertTrue(a.due("cam/day", false), "the first entry goes at once");
    a.sent("cam/day");
    for (int i = 0; i < 40; i++) {
      a.added("cam/day");
    }
    a.sent("cam/day");
    a.added("cam/day");
    assertFalse(a.due("cam/day", false), "one new entry of 42 waits");
    for (int i = 0; i < 9; i++) {
      a.added("cam/day");
    }
    assertTrue(a.due("cam/day", false), "ten (a quarter of 41) go");
    assertTrue(a.due("cam/day", true), "a finished day goes complete at once");
  }
}
