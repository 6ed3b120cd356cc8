package cairn.hardware.led;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * LED lines on Pi4J digital outputs, one per LED at the BCM pin from the {@link LedPinTable}.
 *
 * <p>Takes ownership of the context: the outputs start low, and {@link #close()} shuts the context down, which
 * drives every output low. Writes throw Pi4J's unchecked {@code IOException} when the hardware refuses them.
 */
public final class Pi4jLedLines implements LedLines {
    private final Context context;
    private final Map<Led, DigitalOutput> outputs = new EnumMap<>(Led.class);

    public Pi4jLedLines(Context context, LedPinTable pins) {
        this.context = Objects.requireNonNull(context, "context");
        Objects.requireNonNull(pins, "pins");
        for (Led led : Led.values()) {
            DigitalOutput output = context.create(DigitalOutput.newConfigBuilder(context)
                    .id(ioId(led))
                    .name("Cairn " + led + " LED")
                    .address(pins.bcmPin(led))
                    .initial(DigitalState.LOW)
                    .shutdown(DigitalState.LOW));
            outputs.put(led, output);
        }
    }

    /** The Pi4J registry id of an LED's output, e.g. {@code cairn-led-power}. */
    public static String ioId(Led led) {
        return "cairn-led-" + led.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public LedLine line(Led led) {
        DigitalOutput output = outputs.get(led);
        return on -> output.state(on ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public void close() {
        context.shutdown();
    }
}
