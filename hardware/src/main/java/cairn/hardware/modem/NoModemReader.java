package cairn.hardware.modem;

import java.time.InstantSource;
import java.util.Objects;

/** {@code link.modem = none}: every read says {@link ModemFailure.Reason#NO_MODEM}, at once, which is not an error. */
public final class NoModemReader implements ModemReader {
    private final InstantSource clock;

    public NoModemReader(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ModemResult read() {
        return new ModemFailure(ModemFailure.Reason.NO_MODEM, "no modem is configured (link.modem = none)",
                clock.instant());
    }

    @Override
    public String describe() {
        return "no modem";
    }
}
