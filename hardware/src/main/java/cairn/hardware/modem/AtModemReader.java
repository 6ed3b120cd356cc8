package cairn.hardware.modem;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads a USB modem through AT commands on one of its serial ports ({@code /dev/ttyUSB2} on most Huawei and
 * Quectel sticks): {@code AT+CSQ}, {@code AT+COPS?}, {@code AT+CREG?}, {@code AT+CEREG?}, and Quectel's {@code
 * AT+QCSQ} for RSRP, RSRQ and SINR (asked until the modem once answers it with an error).
 *
 * <p>The port is configured with {@code stty -F PORT 115200 raw -echo clocal min 0 time 1} when opened (USB modems
 * ignore the speed; {@code min 0 time 1} is what bounds every read) and stays open between reads; a failing port
 * is closed and reopened on the next read. Nothing is written to the modem's settings: echo ({@code ATE1}) and
 * unsolicited result codes are tolerated instead of switched off. The port must not be shared with ModemManager or
 * pppd; with ModemManager running, use {@link MmcliReader}.
 *
 * <p>After a timeout, the modem's late answer is thrown away at the start of the next read; answers are matched
 * to commands by their prefix, so a late line can make a field empty for one sample but never mislabel it.
 */
public final class AtModemReader implements ModemReader {
    public static final Path DEFAULT_PORT = Path.of("/dev/ttyUSB2");
    public static final Path STTY = Path.of("/usr/bin/stty");

    private final Path port;
    private final Path stty;
    private final Duration timeout;
    private final InstantSource clock;
    private AtPort open;
    private boolean askQcsq = true;

    public AtModemReader(Path port, Path stty, Duration timeout, InstantSource clock) {
        this.port = Objects.requireNonNull(port, "port");
        this.stty = Objects.requireNonNull(stty, "stty");
        this.timeout = HiLinkReader.checkTimeout(timeout);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ModemResult read() {
        Deadline deadline = Deadline.after(timeout);
        try {
            if (open == null) {
                open = AtPort.open(port, stty, timeout, deadline);
            }
            open.drain(deadline);
            List<AtPort.Reply> replies = new ArrayList<>();
            replies.add(open.command("AT+CSQ", "+CSQ:", deadline));
            replies.add(open.command("AT+COPS?", "+COPS:", deadline));
            replies.add(open.command("AT+CREG?", "+CREG:", deadline));
            replies.add(open.command("AT+CEREG?", "+CEREG:", deadline));
            if (askQcsq) {
                AtPort.Reply qcsq = open.command("AT+QCSQ", "+QCSQ:", deadline);
                askQcsq = qcsq.ok();
                replies.add(qcsq);
            }
            ModemSample sample = AtReplies.sample(replies, clock.instant());
            if (sample.saysAnything()) {
                return sample;
            }
            return nothingUseful(replies);
        } catch (ReadFailure failure) {
            if (failure.reason() == ModemFailure.Reason.UNREACHABLE
                    || failure.reason() == ModemFailure.Reason.INTERRUPTED) {
                close();
            }
            return failure.toFailure(clock.instant());
        }
    }

    private ModemFailure nothingUseful(List<AtPort.Reply> replies) {
        List<AtPort.Reply> failed = replies.stream().filter(r -> !r.ok()).collect(Collectors.toList());
        if (failed.size() == replies.size()) {
            return new ModemFailure(ModemFailure.Reason.DEVICE_ERROR, "the modem on " + port + " answered "
                    + failed.stream().map(r -> r.command() + " with " + Printable.of(r.finalLine(), 40))
                            .collect(Collectors.joining(", ")), clock.instant());
        }
        return new ModemFailure(ModemFailure.Reason.GARBAGE, "the modem on " + port
                + " answered, but not one line could be understood", clock.instant());
    }

    @Override
    public String describe() {
        return "AT commands on " + port;
    }

    @Override
    public void close() {
        if (open != null) {
            open.close();
            open = null;
        }
    }
}
