package cairn.hardware.led;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Picks the LED lines for this machine: Pi4J when a GPIO chip exists, {@link LogOnlyLedLines} otherwise, and
 * logs one line saying which.
 *
 * <p>If the chip exists but Pi4J cannot drive it, the failure is logged and the log-only lines are used, so a
 * broken LED board never stops the cameras.
 */
public final class LedLinesFactory {
    public static final Path GPIO_CHIP = Path.of("/dev/gpiochip0");

    private static final Logger LOG = System.getLogger(LedLinesFactory.class.getName());

    private final Path gpioChip;
    private final Supplier<Context> gpioContext;
    private final LedPinTable pins;

    public LedLinesFactory(Path gpioChip, Supplier<Context> gpioContext, LedPinTable pins) {
        this.gpioChip = Objects.requireNonNull(gpioChip, "gpioChip");
        this.gpioContext = Objects.requireNonNull(gpioContext, "gpioContext");
        this.pins = Objects.requireNonNull(pins, "pins");
    }

    /**
     * For the real board: the gpiod provider only, named explicitly, so that no auto-detected plugin (such as
     * Pi4J's mock) can take its place.
     */
    public static LedLinesFactory forThisMachine(LedPinTable pins) {
        return new LedLinesFactory(GPIO_CHIP,
                () -> Pi4J.newContextBuilder().add(GpioDDigitalOutputProvider.newInstance()).build(), pins);
    }

    public LedLines create() {
        if (!Files.exists(gpioChip)) {
            LOG.log(Level.INFO, "Status LEDs: no GPIO here ({0} is absent), LED changes are only logged", gpioChip);
            return new LogOnlyLedLines();
        }
        Context context = null;
        try {
            context = gpioContext.get();
            LedLines lines = new Pi4jLedLines(context, pins);
            LOG.log(Level.INFO, "Status LEDs: Pi4J GPIO ({0}), {1}", gpioChip, pins);
            return lines;
        } catch (RuntimeException e) {
            if (context != null) {
                shutDownQuietly(context, e);
            }
            LOG.log(Level.WARNING, "Status LEDs: " + gpioChip + " exists but Pi4J cannot drive it, LED changes are"
                    + " only logged: " + e, e);
            return new LogOnlyLedLines();
        }
    }

    private static void shutDownQuietly(Context context, RuntimeException cause) {
        try {
            context.shutdown();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
