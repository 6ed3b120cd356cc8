package cairn.lab.ratesim;

import cairn.hardware.modem.ModemReader;
import cairn.hardware.modem.ModemResult;
import cairn.hardware.modem.ModemSample;
import cairn.hardware.modem.NetworkMode;
import cairn.lab.modem.TraceRadio;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The modem of {@code lab rate-sim}: what the scenario's fake router would report at the simulated moment
 * ({@link TraceRadio}), read without HTTP, so that the rate controller's modem hints are part of the simulation.
 */
final class SimulatedModem implements ModemReader {
    private final TraceRadio radio;
    private final LongSupplier nowMs;

    SimulatedModem(TraceRadio radio, LongSupplier nowMs) {
        this.radio = radio;
        this.nowMs = nowMs;
    }

    @Override
    public ModemResult read() {
        TraceRadio.State s = radio.at(nowMs.getAsLong());
        ModemSample.Builder b = ModemSample.at(Instant.EPOCH);
        if (!s.service()) {
            return b.mode(NetworkMode.NONE).build();
        }
        b.mode(NetworkMode.fromAccessTechnology(s.codes().accessTechnology()));
        if (s.rssi() != null) {
            b.rssiDbm(s.rssi());
        }
        if (s.rsrp() != null) {
            b.rsrpDbm(s.rsrp());
        }
        return b.build();
    }

    @Override
    public String describe() {
        return "the simulated " + radio.family().label() + " modem";
    }
}
