package cairn.hardware.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AT reader against fake_at_modem.py on a real pseudo-terminal, configured by the real stty. */
class AtModemReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final InstantSource CLOCK = () -> NOW;
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private final FakeAtModem modem = new FakeAtModem();
    private AtModemReader reader;

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        modem.close();
    }

    private AtModemReader readerOn(Path port, Duration timeout) {
        reader = new AtModemReader(port, AtModemReader.STTY, timeout, CLOCK);
        return reader;
    }

    private ModemSample sample() throws IOException {
        if (reader == null) {
            readerOn(modem.start(dir).port(), TIMEOUT);
        }
        ModemResult result = reader.read();
        return assertInstanceOf(ModemSample.class, result, () -> "expected a sample, got " + result);
    }

    private ModemFailure failure(ModemFailure.Reason reason) throws IOException {
        if (reader == null) {
            readerOn(modem.start(dir).port(), TIMEOUT);
        }
        ModemResult result = reader.read();
        ModemFailure failure = assertInstanceOf(ModemFailure.class, result, () -> "expected a failure, got " + result);
        assertEquals(reason, failure.reason(), failure::message);
        return failure;
    }

    @Test
    void readsAnLteModemWithEchoOn() throws IOException {
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(Optional.of(Registration.HOME), sample.registration());
        assertEquals(Optional.of("Telekom.de"), sample.operator());
        assertEquals(OptionalDouble.of(-77), sample.rssiDbm(), "+CSQ: 18 is -113 + 2 * 18 dBm");
        assertEquals(OptionalInt.of(58), sample.signalPercent());
        assertEquals(OptionalDouble.empty(), sample.rsrpDbm(), "AT+QCSQ answered ERROR: no RSRP");
        assertEquals(NOW, sample.sampledAt());

        sample();
        assertEquals(List.of("AT+CSQ", "AT+COPS?", "AT+CREG?", "AT+CEREG?", "AT+QCSQ",
                "AT+CSQ", "AT+COPS?", "AT+CREG?", "AT+CEREG?"), modem.commands(),
                "a modem without AT+QCSQ is not asked again");
    }

    @Test
    void quectelQcsqAddsRsrpRsrqAndSinr() throws IOException {
        modem.reply("AT+QCSQ", "\r\n+QCSQ: \"LTE\",-66,-94,142,-9\r\n\r\nOK\r\n");
        ModemSample sample = sample();
        assertEquals(OptionalDouble.of(-66), sample.rssiDbm(), "QCSQ's RSSI is finer than CSQ's");
        assertEquals(OptionalDouble.of(-94), sample.rsrpDbm());
        assertEquals(OptionalDouble.of(-9), sample.rsrqDb());
        assertEquals(8.4, sample.sinrDb().orElseThrow(), 1e-9, "SINR 142 is 142 / 5 - 20 dB");
    }

    @Test
    void unsolicitedCodesAndEchoOffAreIgnored() throws IOException {
        modem.set("echo", false)
                .set("unsolicited", "\r\nRING\r\n\r\n^RSSI:15\r\n\r\n+CREG: 5,\"00C3\",\"0000A13B\",2\r\n"
                        + "\r\n+CEREG: 5,\"1A2B\",\"01A2D04\",7\r\n\r\n^HCSQ:\"LTE\",50,40,120,20\r\n")
                .reply("AT+CREG?", "\r\n+CREG: 2,1,\"00C3\",\"0000A13B\",7\r\n\r\nOK\r\n");
        ModemSample sample = sample();
        assertEquals(Optional.of(Registration.HOME), sample.registration(), "the roaming URCs are not replies");
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(OptionalDouble.of(-77), sample.rssiDbm());
    }

    @Test
    void a3gModemWithUnknownSignalAndANumericOperator() throws IOException {
        modem.reply("AT+CSQ", "\r\n+CSQ: 99,99\r\n\r\nOK\r\n")
                .reply("AT+COPS?", "\r\n+COPS: 0,2,\"26202\",2\r\n\r\nOK\r\n")
                .reply("AT+CEREG?", "\r\n+CEREG: 0,0\r\n\r\nOK\r\n");
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.THREE_G), sample.mode());
        assertEquals(Optional.of("26202"), sample.operator());
        assertEquals(Optional.of(Registration.HOME), sample.registration(), "registered for circuit-switched");
        assertEquals(OptionalDouble.empty(), sample.rssiDbm(), "99 is 'not known', not a value");
        assertEquals(OptionalInt.empty(), sample.signalPercent());
    }

    @Test
    void aSearchingModemHasModeNone() throws IOException {
        modem.reply("AT+CSQ", "\r\n+CSQ: 99,99\r\n\r\nOK\r\n")
                .reply("AT+COPS?", "\r\n+COPS: 0\r\n\r\nOK\r\n")
                .reply("AT+CREG?", "\r\n+CREG: 0,2\r\n\r\nOK\r\n")
                .reply("AT+CEREG?", "\r\n+CEREG: 0,0\r\n\r\nOK\r\n");
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.NONE), sample.mode());
        assertEquals(Optional.of(Registration.SEARCHING), sample.registration());
        assertEquals(Optional.empty(), sample.operator());
    }

    @Test
    void anErrorOnOneCommandLeavesOnlyItsFieldsEmpty() throws IOException {
        modem.reply("AT+COPS?", "\r\n+CME ERROR: 30\r\n");
        ModemSample sample = sample();
        assertEquals(Optional.empty(), sample.operator());
        assertEquals(Optional.of(Registration.HOME), sample.registration());
        assertEquals(OptionalDouble.of(-77), sample.rssiDbm());
    }

    @Test
    void errorsForEveryCommandAreADeviceError() throws IOException {
        modem.reply("AT+CSQ", "\r\nERROR\r\n").reply("AT+COPS?", "\r\n+CME ERROR: 10\r\n")
                .reply("AT+CREG?", "\r\nERROR\r\n").reply("AT+CEREG?", "\r\nCOMMAND NOT SUPPORT\r\n");
        ModemFailure failure = failure(ModemFailure.Reason.DEVICE_ERROR);
        assertTrue(failure.message().contains("AT+COPS? with +CME ERROR: 10"), failure.message());
    }

    @Test
    void linesThatDoNotParseAreGarbage() throws IOException {
        modem.reply("AT+CSQ", "\r\n+CSQ: banana\r\n\r\nOK\r\n").reply("AT+COPS?", "\r\n+COPS: x,y\r\n\r\nOK\r\n")
                .reply("AT+CREG?", "\r\n+CREG: ?\r\n\r\nOK\r\n")
                .reply("AT+CEREG?", "\r\n+CEREG: \u00ff\u00fe\u0001\r\n\r\nOK\r\n");
        failure(ModemFailure.Reason.GARBAGE);
    }

    @Test
    void aModemThatNeverAnswersTimesOutInTime() throws IOException {
        modem.reply("AT+CSQ", null);
        long start = System.nanoTime();
        ModemFailure failure = failure(ModemFailure.Reason.TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < TIMEOUT.toMillis() + 1000, millis + " ms");
        assertTrue(failure.message().contains("AT+CSQ"), failure.message());
    }

    @Test
    void endlessNoiseEndsTheReadInTime() throws IOException {
        modem.set("flood", Map.of("AT+CSQ", "\u00ff\u0000\u00fe noise without end \u0007"));
        long start = System.nanoTime();
        ModemResult result = readerOn(modem.start(dir).port(), TIMEOUT).read();
        long millis = (System.nanoTime() - start) / 1_000_000;
        ModemFailure failure = assertInstanceOf(ModemFailure.class, result);
        assertTrue(failure.reason() == ModemFailure.Reason.GARBAGE || failure.reason() == ModemFailure.Reason.TIMEOUT,
                failure.toString());
        assertTrue(millis < TIMEOUT.toMillis() + 1000, millis + " ms");
    }

    @Test
    void aLateAnswerNeverLandsInTheWrongField() throws IOException {
        modem.set("delay_once_ms", Map.of("AT+COPS?", 1200));
        readerOn(modem.start(dir).port(), Duration.ofMillis(600));
        assertInstanceOf(ModemFailure.class, reader.read(), "the first read runs out of time");
        boolean complete = false;
        for (int i = 0; i < 6 && !complete; i++) {
            ModemResult result = reader.read();
            if (result instanceof ModemSample sample) {
                sample.operator().ifPresent(name -> assertEquals("Telekom.de", name));
                sample.rssiDbm().ifPresent(rssi -> assertEquals(-77, rssi));
                sample.registration().ifPresent(state -> assertEquals(Registration.HOME, state));
                complete = sample.operator().isPresent() && sample.rssiDbm().isPresent();
            }
        }
        assertTrue(complete, "the reader catches up with the modem");
    }

    @Test
    void aMissingPortIsUnreachable() throws IOException {
        readerOn(dir.resolve("ttyUSB9"), TIMEOUT);
        assertTrue(failure(ModemFailure.Reason.UNREACHABLE).message().contains("no serial port"));
    }

    @Test
    void aFileThatIsNoTerminalIsRefusedByStty() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-tty"), "AT\r\n");
        readerOn(file, TIMEOUT);
        ModemFailure failure = failure(ModemFailure.Reason.UNREACHABLE);
        assertTrue(failure.message().contains("cannot set up"), failure.message());
        assertEquals("AT\r\n", Files.readString(file), "nothing was written to it");
    }

    @Test
    void aPulledStickIsUnreachableNotAHang() throws IOException {
        sample();
        modem.close();
        long start = System.nanoTime();
        ModemFailure failure = assertInstanceOf(ModemFailure.class, reader.read());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ModemFailure.Reason.UNREACHABLE, failure.reason(), failure.message());
        assertTrue(failure.message().contains("lost the serial port"), failure.message());
        assertTrue(millis < TIMEOUT.toMillis() + 1000, millis + " ms");
        // No second read: the kernel may already have given this /dev/pts number to someone else's terminal.
    }
}
