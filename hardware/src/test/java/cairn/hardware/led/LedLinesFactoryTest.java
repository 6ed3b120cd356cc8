package cairn.hardware.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedLinesFactoryTest {
    private final Logger logger = Logger.getLogger(LedLinesFactory.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
    }

    private static final Supplier<Context> MUST_NOT_BE_CALLED = () -> {
        throw new AssertionError("no GPIO context may be built without a GPIO chip");
    };

    @Test
    void withoutAGpioChipTheLedsAreOnlyLogged() {
        LedLinesFactory factory = new LedLinesFactory(dir.resolve("gpiochip0"), MUST_NOT_BE_CALLED,
                LedPinTable.DEFAULTS);
        try (LedLines lines = factory.create()) {
            assertInstanceOf(LogOnlyLedLines.class, lines);
            lines.line(Led.ERROR).set(true);
            assertTrue(((LogOnlyLedLines) lines).isOn(Led.ERROR));
        }
        assertEquals(1, logged.size());
        assertEquals(Level.INFO, logged.get(0).getLevel());
        assertTrue(logged.get(0).getMessage().contains("only logged"), logged.get(0).getMessage());
    }

    @Test
    void withAGpioChipTheLedsDrivePi4jOutputs() throws IOException {
        Path chip = Files.createFile(dir.resolve("gpiochip0"));
        Context context = MockGpio.newContext();
        LedLinesFactory factory = new LedLinesFactory(chip, () -> context, LedPinTable.DEFAULTS);
        try (LedLines lines = factory.create()) {
            assertInstanceOf(Pi4jLedLines.class, lines);
            lines.line(Led.POWER).set(true);
            assertEquals(DigitalState.HIGH, MockGpio.state(context, Led.POWER));
        }
        assertTrue(context.isShutdown());
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).getMessage().contains("Pi4J"), logged.get(0).getMessage());
    }

    @Test
    void whenPi4jCannotDriveTheChipTheLedsFallBackToTheLogAndSayWhy() throws IOException {
        Path chip = Files.createFile(dir.resolve("gpiochip0"));
        LedLinesFactory factory = new LedLinesFactory(chip, () -> {
            throw new IllegalStateException("Couldn't identify gpiochip!");
        }, LedPinTable.DEFAULTS);
        try (LedLines lines = factory.create()) {
            assertInstanceOf(LogOnlyLedLines.class, lines);
        }
        assertEquals(1, logged.size());
        assertEquals(Level.WARNING, logged.get(0).getLevel());
        assertTrue(logged.get(0).getMessage().contains("Couldn't identify gpiochip!"), logged.get(0).getMessage());
    }
}
