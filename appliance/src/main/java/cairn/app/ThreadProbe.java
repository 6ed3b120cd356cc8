package cairn.app;

import cairn.supervise.CheckIn;
import cairn.supervise.Stage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Supervises a part that runs on an executor of its own (MQTT: Paho's callbacks and its state
 * machine): every {@code period} a no-op goes through that executor; each one that comes back is a
 * check-in, so a wedged executor thread misses its deadline.
 */
final class ThreadProbe implements Stage {
  private final Consumer<Runnable> executor;
  private final Duration period;

  ThreadProbe(Consumer<Runnable> executor, Duration period) {
    this.executor = executor;
    this.period = period;
  }

  @Override
  public void run(CheckIn checkIn) throws InterruptedException {
    while (true) {
      CountDownLatch back = new CountDownLatch(1);
      executor.accept(back::countDown);
      if (back.await(period.toMillis(), TimeUnit.MILLISECONDS)) {
        checkIn.progress();
        Thread.sleep(period.toMillis());
      }
    }
  }
}
