package cairn.hardware.led;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Pi4jLedLinesTest {
    private final Context context = MockGpio.newContext();
    private final Pi4jLedLines lines = new Pi4jLedLines(context, new LedPinTable(5, 6, 13, 19, 26));

    @AfterEach
    void shutDown() {
        if (!context.isShutdown()) {
            context.shutdown();
        }
    }

    @Test
    void eachLedGetsAnOutputAtItsBcmPinStartingLow() {
        int[] expectedPins = {5, 6, 13, 19, 26};
        for (Led led : Led.values()) {
            DigitalOutput output = MockGpio.output(context, led);
            assertEquals(expectedPins[led.ordinal()], output.address().intValue(), led.name());
            assertEquals(DigitalState.LOW, output.state(), led.name());
        }
    }

    @Test
    void writingALineSetsOnlyThatOutput() {
        lines.line(Led.RECORDING).set(true);
        assertEquals(DigitalState.HIGH, MockGpio.state(context, Led.RECORDING));
        assertEquals(DigitalState.LOW, MockGpio.state(context, Led.POWER));
        lines.line(Led.RECORDING).set(false);
        assertEquals(DigitalState.LOW, MockGpio.state(context, Led.RECORDING));
    }

    @Test
    void thePanelBlinksTheRealOutputOnlyOnEdges() {
        FakeTicker ticker = new FakeTicker();
        LedPanel panel = new LedPanel(lines, ticker);
        List<DigitalState> changes = new ArrayList<>();
        DigitalStateChangeListener listener = event -> changes.add(event.state());
        MockGpio.output(context, Led.LINK).addListener(listener);

        panel.show(Led.LINK, LedPattern.BLINK_SLOW);
        panel.tick();
        assertEquals(DigitalState.HIGH, MockGpio.state(context, Led.LINK));
        ticker.advanceMillis(499);
        panel.tick();
        assertEquals(DigitalState.HIGH, MockGpio.state(context, Led.LINK));
        ticker.advanceMillis(1);
        panel.tick();
        assertEquals(DigitalState.LOW, MockGpio.state(context, Led.LINK));
        assertEquals(List.of(DigitalState.HIGH, DigitalState.LOW), changes);
    }

    @Test
    void closingDrivesEveryOutputLowAndShutsTheContextDown() {
        List<DigitalOutput> outputs = new ArrayList<>();
        for (Led led : Led.values()) {
            lines.line(led).set(true);
            outputs.add(MockGpio.output(context, led));
        }
        lines.close();
        assertEquals(true, context.isShutdown());
        for (DigitalOutput output : outputs) {
            assertEquals(DigitalState.LOW, output.state(), output.id());
        }
    }

    @Test
    void aPinTakenByAnotherUserOfTheContextIsRefused() {
        Context other = MockGpio.newContext();
        try {
            other.create(DigitalOutput.newConfigBuilder(other).id("cairn-led-power").address(17));
            assertThrows(RuntimeException.class, () -> new Pi4jLedLines(other, LedPinTable.DEFAULTS));
        } finally {
            other.shutdown();
        }
    }
}
