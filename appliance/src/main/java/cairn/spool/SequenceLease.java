package cairn.spool;

import cairn.base.Durable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out a camera's segment sequence numbers so that they never repeat, even when every
 * segment has been uploaded and deleted before a restart. Numbers are leased in blocks: the file
 * holds the first number not yet leased, written durably before any number below it is used. A
 * crash skips the rest of the block (a gap), never a repeat; one disk write per block, not per
 * segment, spares the SD card. One thread only.
 */
final class SequenceLease {
  static final int BLOCK = 1000;

  private final Path file;
  private long next;
  private long leasedUpTo;

  SequenceLease(Path file, long atLeast) throws IOException {
    this.file = file;
    long stored = 0;
    if (Files.exists(file)) {
      try {
        stored = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
      } catch (NumberFormatException e) {
        // A damaged lease: the spool's own files still give a floor (atLeast); go a block past it.
        stored = atLeast + BLOCK;
      }
    }
    this.next = Math.max(stored, atLeast);
    this.leasedUpTo = next;
  }

  long take() throws IOException {
    if (next >= leasedUpTo) {
      // Raised only once the new lease is on disk: a failed write must not hand out unleased numbers.
      long upTo = next + BLOCK;
      Durable.replace(file, Long.toString(upTo).getBytes(StandardCharsets.US_ASCII));
      leasedUpTo = upTo;
    }
    return next++;
  }
}
