package cairn.spool;

import java.io.IOException;

/**
 * A segment did not fit and nothing could be evicted for it: what the spool holds is the group of
 * pictures still being recorded (or the disk is full of other files). Nothing was written; a key
 * frame closes the group, after which it can go.
 */
public final class SpoolFull extends IOException {
  SpoolFull(String message) {
    super(message);
  }
}
