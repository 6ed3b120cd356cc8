package cairn.hardware.led;

/**
 * The output lines of all status LEDs; closing it switches them off and releases the hardware.
 *
 * <p>Used from one thread at a time (the thread driving the {@link LedPanel}).
 */
public interface LedLines extends AutoCloseable {
    LedLine line(Led led);

    @Override
    void close();
}
