package cairn.hardware.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HiLinkReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final InstantSource CLOCK = () -> NOW;
    private static final Duration TIMEOUT = Duration.ofMillis(800);

    private FakeHiLinkRouter router;
    private HiLinkReader reader;

    @BeforeEach
    void startRouter() throws IOException {
        router = FakeHiLinkRouter.start();
        reader = new HiLinkReader(router.url(), TIMEOUT, CLOCK);
    }

    @AfterEach
    void stopRouter() {
        reader.close();
        router.close();
    }

    private ModemSample sample() {
        ModemResult result = reader.read();
        return assertInstanceOf(ModemSample.class, result, () -> "expected a sample, got " + result);
    }

    private ModemFailure failure(ModemFailure.Reason reason) {
        ModemResult result = reader.read();
        ModemFailure failure = assertInstanceOf(ModemFailure.class, result, () -> "expected a failure, got " + result);
        assertEquals(reason, failure.reason(), failure::message);
        assertEquals(NOW, failure.at());
        return failure;
    }

    @Test
    void readsAnLteStickAfterTheSessionHandshake() {
        router.lteStick();
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(Optional.of(Registration.HOME), sample.registration());
        assertEquals(Optional.of("Telekom.de"), sample.operator());
        assertEquals(OptionalDouble.of(-65), sample.rssiDbm());
        assertEquals(OptionalDouble.of(-95), sample.rsrpDbm());
        assertEquals(OptionalDouble.of(-11), sample.rsrqDb());
        assertEquals(OptionalDouble.of(9), sample.sinrDb());
        assertEquals(OptionalInt.of(80), sample.signalPercent());
        assertEquals(NOW, sample.sampledAt());

        FakeHiLinkRouter.Request status = router.requests().get(1);
        assertEquals(HiLinkReader.STATUS_PATH, status.path());
        assertTrue(status.cookie().startsWith("SessionID=4Xr6pqD9"), status.cookie());
        assertEquals("ttws6CQ9WT5EftzoWYS6yVCEfRNK3Bh1", status.token());

        sample();
        assertEquals(1, router.handshakes(), "the session is kept between reads");
    }

    @Test
    void readsTheCrlfAnswersOfAB315WithDecimalRsrqAndNegativeSinr() {
        router.lteStick().resource(HiLinkReader.SIGNAL_PATH, "b315-signal-lte.xml");
        ModemSample sample = sample();
        assertEquals(OptionalDouble.of(-14.0), sample.rsrqDb());
        assertEquals(OptionalDouble.of(-7), sample.sinrDb());
        assertEquals(OptionalDouble.of(-105), sample.rsrpDbm());
        assertEquals(OptionalDouble.of(-71), sample.rssiDbm());
    }

    @Test
    void readsA3gStickOnOldFirmwareThatIsRoaming() {
        router.resource(HiLinkReader.STATUS_PATH, "e3131-status-3g.xml")
                .resource(HiLinkReader.SIGNAL_PATH, "e3131-signal-3g.xml");
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.THREE_G), sample.mode(), "CurrentNetworkType 9 is HSPA+");
        assertEquals(Optional.of(Registration.ROAMING), sample.registration());
        assertEquals(OptionalDouble.of(-51), sample.rssiDbm(), ">=-51dBm is the top of the scale");
        assertEquals(OptionalDouble.empty(), sample.rsrpDbm(), "3G has no RSRP: empty, not zero");
        assertEquals(OptionalDouble.empty(), sample.sinrDb());
        assertEquals(OptionalInt.of(60), sample.signalPercent(), "old firmware reports SignalStrength in %");
        assertEquals(Optional.empty(), sample.operator(), "no /api/net/current-plmn on this one");
    }

    @Test
    void noServiceIsModeNoneAndNotRegistered() {
        router.resource(HiLinkReader.STATUS_PATH, "status-no-service.xml").body(HiLinkReader.SIGNAL_PATH,
                "<response><rsrq></rsrq><rsrp></rsrp><rssi></rssi><sinr></sinr><mode></mode></response>");
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.NONE), sample.mode());
        assertEquals(Optional.of(Registration.NOT_REGISTERED), sample.registration());
        assertEquals(OptionalInt.of(0), sample.signalPercent());
        assertEquals(OptionalDouble.empty(), sample.rssiDbm());
    }

    @Test
    void networkTypeExWinsOverTheOlderCode() {
        router.body(HiLinkReader.STATUS_PATH, "<response><CurrentNetworkType>19</CurrentNetworkType>"
                + "<CurrentNetworkTypeEx>111</CurrentNetworkTypeEx><ServiceStatus>2</ServiceStatus></response>");
        assertEquals(Optional.of(NetworkMode.FIVE_G), sample().mode());
        router.body(HiLinkReader.STATUS_PATH, "<response><CurrentNetworkType>19</CurrentNetworkType>"
                + "<CurrentNetworkTypeEx>46</CurrentNetworkTypeEx></response>");
        assertEquals(Optional.of(NetworkMode.THREE_G), sample().mode(), "46 is DC-HSPA+");
        router.body(HiLinkReader.STATUS_PATH, "<response><CurrentNetworkTypeEx>1011</CurrentNetworkTypeEx></response>");
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample().mode(), "1011 is LTE+");
        router.body(HiLinkReader.STATUS_PATH, "<response><CurrentNetworkTypeEx>3</CurrentNetworkTypeEx></response>");
        assertEquals(Optional.of(NetworkMode.TWO_G), sample().mode(), "3 is EDGE");
        router.body(HiLinkReader.STATUS_PATH, "<response><CurrentNetworkTypeEx>999</CurrentNetworkTypeEx></response>")
                .body(HiLinkReader.SIGNAL_PATH, "<response><mode>2</mode></response>");
        assertEquals(Optional.of(NetworkMode.THREE_G), sample().mode(), "unknown codes fall back to signal mode");
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheReadSucceeds() {
        router.lteStick();
        sample();
        router.forgetSession();
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(2, router.handshakes());
        assertEquals(3, router.requestsTo(HiLinkReader.STATUS_PATH), "one refused, one retried, one before");
    }

    @Test
    void aRouterThatRefusesEveryTokenFailsAfterOneRenewal() {
        router.lteStick();
        router.refuseEverySession = true;
        ModemFailure failure = failure(ModemFailure.Reason.SESSION);
        assertEquals("modem_session", failure.reason().code());
        assertTrue(failure.message().contains("125002"), failure.message());
        assertEquals(2, router.handshakes(), "the first handshake and exactly one renewal");
        assertEquals(2, router.requestsTo(HiLinkReader.STATUS_PATH));
    }

    @Test
    void aRouterWithALoginSaysSo() {
        router.body(HiLinkReader.STATUS_PATH, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<error><code>100003</code><message></message></error>");
        ModemFailure failure = failure(ModemFailure.Reason.SESSION);
        assertTrue(failure.message().contains("login"), failure.message());
    }

    @Test
    void firmwareWithoutSesTokInfoIsReadWithoutASession() {
        router.lteStick().sessionsRequired = false;
        router.respond(HiLinkReader.SESSION_PATH, exchange -> FakeHiLinkRouter.send(exchange, 404, "no such page"));
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample().mode());
        FakeHiLinkRouter.Request status = router.requests().get(1);
        assertNull(status.cookie());
        assertNull(status.token());
    }

    @Test
    void signalAndOperatorAreOptional() {
        router.resource(HiLinkReader.STATUS_PATH, "e3372h-status-lte.xml").body(HiLinkReader.PLMN_PATH,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error><code>100002</code><message></message></error>");
        ModemSample sample = sample();
        assertEquals(Optional.of(NetworkMode.FOUR_G), sample.mode());
        assertEquals(OptionalDouble.empty(), sample.rsrpDbm());
        assertEquals(Optional.empty(), sample.operator());
    }

    @Test
    void aBusyRouterAndServerErrorsAreDeviceErrors() {
        router.lteStick().body(HiLinkReader.SIGNAL_PATH,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><error><code>100004</code><message></message></error>");
        assertTrue(failure(ModemFailure.Reason.DEVICE_ERROR).message().contains("100004 (system busy)"));
        router.respond(HiLinkReader.STATUS_PATH, exchange -> FakeHiLinkRouter.send(exchange, 500, "oops"));
        assertTrue(failure(ModemFailure.Reason.DEVICE_ERROR).message().contains("HTTP 500"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<!DOCTYPE html><html><head><title>HUAWEI</title></head><body>login</body></html>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><response><SignalIcon>4</Sig",
        "\u00ff\u00fe\u0000\u0001binary",
        "<html><body><script>window.location='/html/index.html'</script></body></html>",
        "<error><message>no code here</message></error>",
        "OK",
        "",
    })
    void garbageFromTheRouterIsAClearFailure(String body) {
        router.lteStick().body(HiLinkReader.STATUS_PATH, body);
        ModemFailure failure = failure(ModemFailure.Reason.GARBAGE);
        assertTrue(failure.message().contains(HiLinkReader.STATUS_PATH), failure.message());
    }

    @Test
    void entitiesFromADoctypeAreNeverExpanded(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret"), "SECRET-CONTENT");
        router.lteStick().body(HiLinkReader.STATUS_PATH, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \""
                + secret.toUri() + "\">]><response><CurrentNetworkTypeEx>&x;</CurrentNetworkTypeEx></response>");
        ModemFailure failure = failure(ModemFailure.Reason.GARBAGE);
        assertFalse(failure.message().contains("SECRET-CONTENT"));
    }

    @Test
    void aHugeAnswerIsCutOff() {
        router.lteStick().body(HiLinkReader.SIGNAL_PATH,
                "<response><rsrp>" + "-".repeat(200_000) + "</rsrp></response>");
        assertTrue(failure(ModemFailure.Reason.GARBAGE).message().contains("larger than 64 KiB"));
    }

    @Test
    void aSessionAnswerWithoutATokenIsGarbage() {
        router.lteStick().respond(HiLinkReader.SESSION_PATH, exchange -> FakeHiLinkRouter.send(exchange, 200,
                "<response><SesInfo>SessionID=abc</SesInfo><TokInfo></TokInfo></response>"));
        assertTrue(failure(ModemFailure.Reason.GARBAGE).message().contains("SesInfo and TokInfo"));
    }

    @Test
    void aRouterThatNeverAnswersTimesOutInTime() {
        router.lteStick().respond(HiLinkReader.SIGNAL_PATH, exchange -> router.awaitRelease());
        long start = System.nanoTime();
        ModemFailure failure = failure(ModemFailure.Reason.TIMEOUT);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis >= TIMEOUT.toMillis() - 50 && millis < TIMEOUT.toMillis() + 1500, millis + " ms");
        assertTrue(failure.message().contains(HiLinkReader.SIGNAL_PATH), failure.message());
    }

    @Test
    void aBodyThatTricklesForeverTimesOutInTime() {
        router.lteStick().respond(HiLinkReader.STATUS_PATH, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("<response>".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(100);
            }
        });
        long start = System.nanoTime();
        failure(ModemFailure.Reason.TIMEOUT);
        assertTrue((System.nanoTime() - start) / 1_000_000 < TIMEOUT.toMillis() + 1500);
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        reader = new HiLinkReader(URI.create("http://127.0.0.1:" + port), TIMEOUT, CLOCK);
        assertTrue(failure(ModemFailure.Reason.UNREACHABLE).message().contains("cannot connect"));
    }

    @Test
    void somethingThatDoesNotSpeakHttpIsGarbageOrUnreachableNeverAHang() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread junk = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    client.getOutputStream().write("\u0016\u0003\u0001garbage that is no status line\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    // the test is over
                }
            });
            junk.setDaemon(true);
            junk.start();
            reader = new HiLinkReader(URI.create("http://127.0.0.1:" + socket.getLocalPort()), TIMEOUT, CLOCK);
            ModemFailure failure = assertInstanceOf(ModemFailure.class, reader.read());
            assertTrue(failure.reason() == ModemFailure.Reason.GARBAGE
                    || failure.reason() == ModemFailure.Reason.UNREACHABLE, failure.toString());
        }
    }
}
