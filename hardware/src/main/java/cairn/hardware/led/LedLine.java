package cairn.hardware.led;

/**
 * One binary output that lights one LED.
 *
 * <p>Called from one thread at a time; may throw an unchecked exception when the hardware write fails.
 */
@FunctionalInterface
public interface LedLine {
    void set(boolean on);
}
