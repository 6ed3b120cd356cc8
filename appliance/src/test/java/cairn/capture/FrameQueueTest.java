package cairn.capture;

import static org.junit.jupiter.api.Assertions.*;
import cairn.base.Backoff;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FrameQueueTest {
  private static Frame frame(long i) {
    return new Frame("c", i, 2, 2, new byte[6], i, i);
  }

  @Test
  void whenFullTheOldestGoesAndIsCounted() throws Exception {
    FrameQueue q = new FrameQueue(3);
    for (int i = 0; i < 5; i++) {
      q.offer(frame(i));
    }
    assertEquals(2, q.dropped());
    assertEquals(2, q.poll(0, TimeUnit.MILLISECONDS).index());
    assertEquals(3, q.poll(0, TimeUnit.MILLISECONDS).index());
    assertEquals(4, q.poll(0, TimeUnit.MILLISECONDS).index());
    assertNull(q.poll(10, TimeUnit.MILLISECONDS));
  }

  @Test
  void backoffDoublesToItsCapAndResets() {
    Backoff b = new Backoff(1, 5);
    assertEquals(1, b.nextDelayNanos());
    assertEquals(2, b.nextDelayNanos());
    assertEquals(4, b.nextDelayNanos());
    assertEquals(5, b.nextDelayNanos());
    assertEquals(5, b.nextDelayNanos());
    b.reset();
    assertEquals(1, b.nextDelayNanos());
  }
}
