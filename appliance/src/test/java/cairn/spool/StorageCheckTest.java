package cairn.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageCheckTest {
  @TempDir Path dir;

  @Test
  void aMinFreeThisDiskCannotLeaveIsCorrectedWithOneLine() {
    long total = dir.toFile().getTotalSpace();
    List<String> warnings = new ArrayList<>();
    long used = StorageCheck.workableMinFree(dir, 1L << 40, warnings::add); // more than any disk here
    assertEquals((long) (total * StorageCheck.MIN_FREE_CORRECTED), used);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("storage.min_free 1024.0 GiB cannot work on this disk ("), warnings.get(0));
  }

  @Test
  void aMinFreeThatFitsIsKeptSilently() {
    List<String> warnings = new ArrayList<>();
    assertEquals(256L << 20, StorageCheck.workableMinFree(dir, 256L << 20, warnings::add));
    assertEquals(List.of(), warnings);
  }

  @Test
  void onlyAMissingLastFolderIsCreated() throws Exception {
    StorageCheck.check(dir.resolve("data"), 1);
    assertTrue(Files.isDirectory(dir.resolve("data")));
    StorageUnusable e = assertThrows(StorageUnusable.class, () -> StorageCheck.check(dir.resolve("a/b"), 1));
    assertEquals("storage error: storage.dir " + dir.resolve("a/b") + ": its parent folder " + dir.resolve("a")
        + " does not exist", e.getMessage());
  }
}
