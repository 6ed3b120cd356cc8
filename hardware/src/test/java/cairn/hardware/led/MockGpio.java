package cairn.hardware.led;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** A Pi4J context built from the mock provider only, and a way to read what the LEDs' outputs show. */
final class MockGpio {
    private MockGpio() {}

    static Context newContext() {
        return Pi4J.newContextBuilder().add(MockDigitalOutputProvider.newInstance()).build();
    }

    static DigitalOutput output(Context context, Led led) {
        return context.registry().get(Pi4jLedLines.ioId(led), DigitalOutput.class);
    }

    static DigitalState state(Context context, Led led) {
        return output(context, led).state();
    }
}
