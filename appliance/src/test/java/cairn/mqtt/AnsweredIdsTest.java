package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnsweredIdsTest {
  @TempDir Path dir;

  @Test
  void remembersAcrossReopening() throws Exception {
    Path f = dir.resolve("answered.log");
    AnsweredIds a = AnsweredIds.open(f, 100);
    a.started("one");
    a.done("one");
    a.started("two \"quoted\"\nline");
    AnsweredIds b = AnsweredIds.open(f, 100);
    assertEquals(Optional.of(AnsweredIds.State.DONE), b.state("one"));
    assertEquals(Optional.of(AnsweredIds.State.STARTED), b.state("two \"quoted\"\nline"));
    assertEquals(Optional.empty(), b.state("three"));
  }

  @Test
  void aTornLastLineIsIgnored() throws Exception {
    Path f = dir.resolve("answered.log");
    AnsweredIds.open(f, 100).done("one");
    Files.writeString(f, "D \"tw", StandardOpenOption.APPEND);
    AnsweredIds b = AnsweredIds.open(f, 100);
    assertEquals(Optional.of(AnsweredIds.State.DONE), b.state("one"));
    b.done("three");
    assertEquals(Optional.of(AnsweredIds.State.DONE), AnsweredIds.open(f, 100).state("three"));
  }

  @Test
  void keepsTheNewestIdsAndAFileOfBoundedSize() throws Exception {
    Path f = dir.resolve("answered.log");
    AnsweredIds a = AnsweredIds.open(f, 10);
    for (int i = 0; i < 100; i++) {
      a.started("id" + i);
      a.done("id" + i);
    }
    assertTrue(Files.readAllLines(f).size() <= 20, "lines: " + Files.readAllLines(f).size());
    AnsweredIds b = AnsweredIds.open(f, 10);
    assertEquals(Optional.of(AnsweredIds.State.DONE), b.state("id99"));
    assertEquals(Optional.of(AnsweredIds.State.DONE), b.state("id90"));
    assertEquals(Optional.empty(), b.state("id50"));
  }
}
