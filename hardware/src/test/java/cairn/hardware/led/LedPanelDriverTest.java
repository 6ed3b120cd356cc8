package cairn.hardware.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LedPanelDriverTest {

    @Test
    void keepsTickingAfterFailedWritesUntilTheLedIsLit() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch litAfterFailures = new CountDownLatch(1);
        LedLines lines = new LedLines() {
            @Override
            public LedLine line(Led led) {
                return on -> {
                    if (led != Led.POWER) {
                        return;
                    }
                    if (attempts.incrementAndGet() <= 3) {
                        throw new IllegalStateException("GPIO busy");
                    }
                    if (on) {
                        litAfterFailures.countDown();
                    }
                };
            }

            @Override
            public void close() {}
        };
        LedPanel panel = new LedPanel(lines, Ticker.system());
        panel.show(Led.POWER, LedPattern.ON);

        LedPanelDriver driver = new LedPanelDriver(panel, Duration.ofMillis(1));
        try {
            assertTrue(litAfterFailures.await(10, TimeUnit.SECONDS), "POWER was never lit after the failures");
        } finally {
            driver.close();
        }
        assertEquals(4, attempts.get(), "three failed writes, one that worked, none once the level held");
    }

    @Test
    void aPeriodOfZeroIsRefused() {
        LedPanel panel = new LedPanel(new RecordingLedLines(), Ticker.system());
        assertThrows(IllegalArgumentException.class, () -> new LedPanelDriver(panel, Duration.ZERO));
    }
}
