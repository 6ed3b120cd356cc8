package cairn.hardware.modem;

/**
 * Asks a modem or router how the cellular link looks. Implementations: {@link HiLinkReader} (router HTTP API),
 * {@link AtModemReader} (AT commands on a serial port), {@link MmcliReader} (ModemManager), {@link NoModemReader}.
 *
 * <p>Contract: {@link #read()} never throws, not even on garbage from the device; it returns a {@link ModemSample}
 * or a {@link ModemFailure} with a reason and a sentence. It returns within the timeout the reader was built with
 * (plus a few milliseconds of bookkeeping), whatever the device does. Readers are not thread-safe: one thread (the
 * link monitor's) calls {@code read()} and {@code close()}.
 */
public interface ModemReader extends AutoCloseable {
    ModemResult read();

    /** Which device this reader asks, for logs, e.g. {@code AT commands on /dev/ttyUSB2}. */
    String describe();

    /** Releases the port or connection; later reads may reopen it. Never throws. */
    @Override
    default void close() {}
}
