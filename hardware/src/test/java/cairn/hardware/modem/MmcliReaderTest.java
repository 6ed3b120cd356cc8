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
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmcliReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final InstantSource CLOCK = () -> NOW;
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private StubMmcli stub() {
        return new StubMmcli(dir);
    }

    private ModemResult read(StubMmcli stub) throws IOException {
        return new MmcliReader(stub.install(), TIMEOUT, CLOCK).read();
    }

    private static ModemSample sample(ModemResult result) {
        return assertInstanceOf(ModemSample.class, result, () -> "expected a sample, got " + result);
    }

    private static ModemFailure failure(ModemResult result, ModemFailure.Reason reason) {
        ModemFailure failure = assertInstanceOf(ModemFailure.class, result, () -> "expected a failure, got " + result);
        assertEquals(reason, failure.reason(), failure::message);
        assertEquals(NOW, failure.at());
        return failure;
    }

    @Test
    void readsAnLteModemAndItsExtendedSignal() throws IOException {
        StubMmcli stub = stub();
        ModemSample sample = sample(read(stub));
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(Optional.of(Registration.HOME), sample.registration());
        assertEquals(Optional.of("Telekom.de"), sample.operator());
        assertEquals(OptionalInt.of(67), sample.signalPercent());
        assertEquals(OptionalDouble.of(-67), sample.rssiDbm());
        assertEquals(OptionalDouble.of(-95), sample.rsrpDbm());
        assertEquals(OptionalDouble.of(-11), sample.rsrqDb());
        assertEquals(OptionalDouble.of(9.5), sample.sinrDb());
        assertEquals(NOW, sample.sampledAt());
        assertEquals(List.of("-m any --output-json", "-m any --signal-get --output-json"), stub.calls());
    }

    @Test
    void a3gModemRoamingReportsUmtsValues() throws IOException {
        StubMmcli stub = stub();
        stub.general(stub.printResource("mc7455-umts-roaming.json")).signalGet(stub.printResource("signal-umts.json"));
        ModemSample sample = sample(read(stub));
        assertEquals(Optional.of(NetworkMode.THREE_G), sample.mode());
        assertEquals(Optional.of(Registration.ROAMING), sample.registration());
        assertEquals(Optional.of("vodafone UK"), sample.operator());
        assertEquals(OptionalDouble.of(-79), sample.rssiDbm());
        assertEquals(OptionalDouble.empty(), sample.rsrpDbm());
    }

    @Test
    void fiveGNonStandaloneCountsAsFiveG() throws IOException {
        StubMmcli stub = stub();
        String nsa = stub.resourceText("ec25-lte.json")
                .replace("\"access-technologies\":[\"lte\"]", "\"access-technologies\":[\"lte\",\"5gnr\"]");
        stub.general(stub.printText("nsa.json", nsa));
        ModemSample sample = sample(read(stub));
        assertEquals(Optional.of(NetworkMode.FIVE_G), sample.mode());
        assertEquals(OptionalDouble.of(-95), sample.rsrpDbm(), "the LTE anchor's values when 5g has none");
    }

    @Test
    void signalPollingIsSwitchedOnOnceWhenModemManagerHasNone() throws IOException {
        StubMmcli stub = stub();
        stub.signalGet(stub.printResource("signal-not-set-up.json"));
        MmcliReader reader = new MmcliReader(stub.install(), TIMEOUT, CLOCK);
        ModemSample first = sample(reader.read());
        assertEquals(Optional.of(NetworkMode.FOUR_G), first.mode());
        assertEquals(OptionalDouble.empty(), first.rsrpDbm(), "'--' is not a value");
        sample(reader.read());
        assertEquals(1, stub.calls().stream().filter(call -> call.contains("--signal-setup=10")).count(),
                stub.calls().toString());
    }

    @Test
    void aSearchingModemHasModeNoneAndNoOperator() throws IOException {
        StubMmcli stub = stub();
        stub.general(stub.printResource("searching.json")).signalGet(stub.printResource("signal-not-set-up.json"));
        ModemSample sample = sample(read(stub));
        assertEquals(Optional.of(NetworkMode.NONE), sample.mode());
        assertEquals(Optional.of(Registration.SEARCHING), sample.registration());
        assertEquals(Optional.empty(), sample.operator(), "'--' is no operator");
        assertEquals(OptionalInt.of(0), sample.signalPercent());
    }

    @Test
    void noModemIsUnreachableWithMmclisOwnWords() throws IOException {
        ModemFailure failure = failure(read(stub().general("echo \"error: couldn't find modem\" >&2; exit 1")),
                ModemFailure.Reason.UNREACHABLE);
        assertTrue(failure.message().contains("error: couldn't find modem"), failure.message());
    }

    @Test
    void otherMmcliErrorsAreDeviceErrors() throws IOException {
        ModemFailure failure = failure(read(stub().general(
                "echo 'error: couldn'\"'\"'t get modem: GDBus.Error: Timeout was reached' >&2; exit 1")),
                ModemFailure.Reason.DEVICE_ERROR);
        assertTrue(failure.message().contains("exited with 1"), failure.message());
    }

    @Test
    void garbageInsteadOfJsonIsGarbage() throws IOException {
        failure(read(stub().general("printf '\\377\\376 not json at all'")), ModemFailure.Reason.GARBAGE);
        failure(read(stub().general("echo '{\"modem\": '")), ModemFailure.Reason.GARBAGE);
        failure(read(stub().general("echo '{\"modem-list\": []}'")), ModemFailure.Reason.GARBAGE);
        failure(read(stub().general("echo '[1,2,3]'")), ModemFailure.Reason.GARBAGE);
        failure(read(stub().general("true")), ModemFailure.Reason.GARBAGE);
    }

    @Test
    void oddValuesInsideValidJsonAreDropped() throws IOException {
        ModemSample sample = sample(read(stub().general("echo '{\"modem\":{\"generic\":{\"access-technologies\":"
                + "\"umts, hsdpa\",\"signal-quality\":{\"value\":\"250\"}},\"3gpp\":{\"registration-state\":7,"
                + "\"operator-name\":{\"nested\":true}}}}'").signalGet("echo '{\"modem\":{\"signal\":{\"umts\":"
                + "{\"rssi\":\"+12.00\"}}}}'")));
        assertEquals(Optional.of(NetworkMode.THREE_G), sample.mode(), "older mmcli joins technologies in a string");
        assertEquals(OptionalInt.empty(), sample.signalPercent());
        assertEquals(Optional.empty(), sample.registration());
        assertEquals(Optional.empty(), sample.operator());
        assertEquals(OptionalDouble.empty(), sample.rssiDbm(), "+12 dBm is no RSSI");
    }

    @Test
    void aBrokenSignalCallStillGivesTheGeneralSample() throws IOException {
        ModemSample sample = sample(read(stub().signalGet("echo garbage; exit 3")));
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(OptionalDouble.empty(), sample.rsrpDbm());
    }

    @Test
    void aHangingMmcliIsKilledInTime() throws IOException {
        Path pidFile = dir.resolve("sleeper.pid");
        StubMmcli stub = stub().general("sleep 30 & echo $! > '" + pidFile + "'; wait");
        long start = System.nanoTime();
        ModemFailure failure = failure(read(stub), ModemFailure.Reason.TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= TIMEOUT.toMillis() - 50 && millis < TIMEOUT.toMillis() + 1000, millis + " ms");
        assertTrue(failure.message().contains("killed"), failure.message());
        long sleeper = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(sleeper).map(p -> p.onExit().join()).map(p -> !p.isAlive()).orElse(true),
                "the child of the hanging script is gone too");
    }

    @Test
    void aHangingSignalCallStillEndsInTimeWithTheGeneralSample() throws IOException {
        long start = System.nanoTime();
        ModemSample sample = sample(read(stub().signalGet("exec sleep 30")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Optional.of("Telekom.de"), sample.operator());
        assertTrue(millis < TIMEOUT.toMillis() + 1000, millis + " ms");
    }

    @Test
    void endlessOutputIsCutOff() throws IOException {
        long start = System.nanoTime();
        ModemResult result = read(stub().general("yes '{\"modem\":'"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < TIMEOUT.toMillis() + 1000);
        assertTrue(failure(result, ModemFailure.Reason.GARBAGE).message().contains("more than 256 KiB"));
    }

    @Test
    void aMissingMmcliIsUnreachable() {
        ModemResult result = new MmcliReader(dir.resolve("no-such-mmcli"), TIMEOUT, CLOCK).read();
        assertTrue(failure(result, ModemFailure.Reason.UNREACHABLE).message().contains("cannot run"));
    }
}
