package cairn.hardware.modem;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a modem through ModemManager's command line: {@code mmcli -m any --output-json} for the access technology,
 * registration, operator and signal quality, then {@code mmcli -m any --signal-get --output-json} for RSSI, RSRP,
 * RSRQ and SINR of the technology in use.
 *
 * <p>ModemManager reports those dBm values only while its signal polling is on. When {@code --signal-get} says the
 * refresh rate is 0, this reader runs {@code mmcli -m any --signal-setup=10} once per reader lifetime (it only
 * starts polling; it changes no modem setting) and the values appear from a later read on.
 *
 * <p>Each run is bounded by what is left of the read's timeout; a hanging mmcli is killed with its children. When
 * the first call succeeds and the {@code --signal-get} call fails or runs out of time, the sample is returned
 * without the dBm values.
 */
public final class MmcliReader implements ModemReader {
    public static final Path DEFAULT_MMCLI = Path.of("/usr/bin/mmcli");
    static final int SIGNAL_REFRESH_SECONDS = 10;
    private static final int MAX_OUTPUT_BYTES = 256 * 1024;

    private final Path mmcli;
    private final Duration timeout;
    private final InstantSource clock;
    private boolean signalSetupTried;

    public MmcliReader(Path mmcli, Duration timeout, InstantSource clock) {
        this.mmcli = Objects.requireNonNull(mmcli, "mmcli");
        this.timeout = HiLinkReader.checkTimeout(timeout);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ModemResult read() {
        Deadline deadline = Deadline.after(timeout);
        try {
            String what = mmcli + " -m any --output-json";
            JsonNode modem = MmcliJson.modem(run(deadline, "-m", "any", "--output-json"), what);
            ModemSample.Builder sample = ModemSample.at(clock.instant());
            MmcliJson.general(modem, sample);
            addSignal(sample, deadline);
            return sample.build();
        } catch (ReadFailure failure) {
            return failure.toFailure(clock.instant());
        }
    }

    private void addSignal(ModemSample.Builder sample, Deadline deadline) {
        JsonNode modem;
        try {
            modem = MmcliJson.modem(run(deadline, "-m", "any", "--signal-get", "--output-json"), "mmcli --signal-get");
        } catch (ReadFailure failure) {
            if (failure.reason() == ModemFailure.Reason.INTERRUPTED) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        ModemSample partial = sample.build();
        Optional<MmcliJson.Signal> signal = MmcliJson.signal(modem, partial.mode());
        if (signal.isEmpty()) {
            if (!signalSetupTried && MmcliJson.signalPollingOff(modem) && !deadline.passed()) {
                signalSetupTried = true;
                try {
                    run(deadline, "-m", "any", "--signal-setup=" + SIGNAL_REFRESH_SECONDS);
                } catch (ReadFailure ignored) {
                    // the next read tells whether polling started; without it the sample just lacks dBm values
                }
            }
            return;
        }
        sample.rssiDbm(ModemSample.Quantity.RSSI.filter(signal.get().rssi()));
        sample.rsrpDbm(ModemSample.Quantity.RSRP.filter(signal.get().rsrp()));
        sample.rsrqDb(ModemSample.Quantity.RSRQ.filter(signal.get().rsrq()));
        sample.sinrDb(ModemSample.Quantity.SINR.filter(signal.get().snr()));
    }

    /** Runs mmcli with {@code args}; its stdout when it exits with 0. */
    private String run(Deadline deadline, String... args) throws ReadFailure {
        List<String> command = new ArrayList<>();
        command.add(mmcli.toString());
        command.addAll(List.of(args));
        BoundedProcess.Outcome outcome = BoundedProcess.run(command, deadline, MAX_OUTPUT_BYTES);
        if (outcome.exitCode() == 0) {
            return outcome.stdout();
        }
        String error = outcome.firstErrorLine();
        String lower = error.toLowerCase(Locale.ROOT);
        if (lower.contains("couldn't find modem") || lower.contains("no modems")
                || lower.contains("couldn't find the modemmanager") || lower.contains("modemmanager is not running")) {
            throw new ReadFailure(ModemFailure.Reason.UNREACHABLE,
                    "ModemManager has no modem to report (" + error + ")");
        }
        throw new ReadFailure(ModemFailure.Reason.DEVICE_ERROR, mmcli + " " + String.join(" ", args) + " exited with "
                + outcome.exitCode() + ": " + error);
    }

    @Override
    public String describe() {
        return "ModemManager through " + mmcli;
    }
}
