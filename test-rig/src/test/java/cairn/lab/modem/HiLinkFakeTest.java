package cairn.lab.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.hardware.modem.HiLinkReader;
import cairn.hardware.modem.ModemResult;
import cairn.hardware.modem.ModemSample;
import cairn.hardware.modem.NetworkMode;
import cairn.hardware.modem.Registration;
import cairn.lab.link.LinkSchedule;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.link.Outage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lab's fake HiLink router read by the appliance's real {@link HiLinkReader}, at scripted moments of a made-up
 * trace: 2000 kbit/s, 200 kbit/s, one dead second, then three dead seconds, 2000 kbit/s again; an outage at 7-8 s.
 */
class HiLinkFakeTest {

    private static final MahimahiTrace TRACE = MahimahiTrace.perSecond("lab", 2000, 200, 2000, 0, 2000, 0, 0, 0, 2000,
            2000);
    private final AtomicLong linkMs = new AtomicLong();
    private HiLinkFake router;
    private HiLinkReader reader;

    private void start(NetworkFamily family, List<Outage> outages) throws IOException {
        router = HiLinkFake.start(new TraceRadio(new LinkSchedule(Optional.of(TRACE), outages), family), linkMs::get);
        reader = new HiLinkReader(router.url(), Duration.ofSeconds(3), () -> Instant.EPOCH);
    }

    @AfterEach
    void stop() {
        if (reader != null) {
            reader.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private ModemSample readAt(long ms) {
        linkMs.set(ms);
        ModemResult r = reader.read();
        return assertInstanceOf(ModemSample.class, r, () -> "a sample at " + ms + " ms, got " + r);
    }

    @Test
    void anLteTraceReportsLteWithASignalThatFollowsTheCapacity() throws IOException {
        start(NetworkFamily.LTE, List.of());
        ModemSample strong = readAt(500);
        ModemSample weak = readAt(1500);
        assertEquals(Optional.of(NetworkMode.FOUR_G), strong.mode());
        assertEquals(Optional.of(Registration.HOME), strong.registration());
        assertEquals(Optional.of("Cairn lab"), strong.operator());
        assertEquals(Optional.of(NetworkMode.FOUR_G), weak.mode());
        for (var value : List.<java.util.function.Function<ModemSample, OptionalDouble>>of(ModemSample::rssiDbm,
                ModemSample::rsrpDbm, ModemSample::rsrqDb, ModemSample::sinrDb)) {
            assertTrue(value.apply(strong).getAsDouble() > value.apply(weak).getAsDouble(), strong + " vs " + weak);
        }
        assertTrue(strong.signalPercent().getAsInt() > weak.signalPercent().getAsInt(), strong + " vs " + weak);
        // q = ln(2000/100) / ln(15000/100) = 0.598: RSRP -125 + 50q.
        assertEquals(-95, strong.rsrpDbm().getAsDouble());
        ModemSample dead = readAt(3500);
        assertEquals(Optional.of(NetworkMode.FOUR_G), dead.mode(), "LTE stays LTE in a dead second");
        assertEquals(-125, dead.rsrpDbm().getAsDouble());
    }

    @Test
    void aUmtsTraceDropsTo2gInADeadSecondAndToNoServiceInALongerStretch() throws IOException {
        start(NetworkFamily.UMTS, List.of());
        ModemSample hspa = readAt(200);
        assertEquals(Optional.of(NetworkMode.THREE_G), hspa.mode());
        assertEquals(OptionalDouble.of(-55), hspa.rssiDbm(), "2000 kbit/s is a 3G trace's best");
        assertTrue(hspa.rsrpDbm().isEmpty(), "3G has no RSRP");
        assertEquals(Optional.of(NetworkMode.TWO_G), readAt(3500).mode());
        assertEquals(Optional.of(NetworkMode.TWO_G), readAt(5500).mode(), "first dead second of three");
        assertEquals(Optional.of(NetworkMode.TWO_G), readAt(6500).mode());
        ModemSample gone = readAt(7500);
        assertEquals(Optional.of(NetworkMode.NONE), gone.mode(), "third dead second");
        assertEquals(Optional.of(Registration.NOT_REGISTERED), gone.registration());
        assertEquals(Optional.of(NetworkMode.THREE_G), readAt(8500).mode());
    }

    @Test
    void anOutageSecondReportsNoServiceAndTheSessionHandshakeComesFirst() throws IOException {
        start(NetworkFamily.EVDO, List.of(new Outage(9000, 1000)));
        assertEquals(Optional.of(NetworkMode.THREE_G), readAt(8999).mode());
        ModemSample cut = readAt(9000);
        assertEquals(Optional.of(NetworkMode.NONE), cut.mode());
        assertEquals(Optional.of(Registration.NOT_REGISTERED), cut.registration());
        assertTrue(cut.rssiDbm().isEmpty(), cut.toString());
        assertEquals(OptionalDouble.empty(), cut.sinrDb());
        assertEquals(1, router.sessions(), "one handshake, kept across reads");
        assertEquals(1 + 2 * 3, router.requests());

        router.forgetSession();
        assertEquals(Optional.of(NetworkMode.THREE_G), readAt(10_500).mode(), "renewed after error 125002");
        assertEquals(2, router.sessions());
    }

    @Test
    void withoutTheSessionTokenTheRouterAnswersError125002() throws Exception {
        start(NetworkFamily.LTE, List.of());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(router.url() + "/api/monitoring/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<code>125002</code>"), r.body());
        HttpResponse<String> missing = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(router.url() + "/api/dialup/connection")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void theFamilyComesFromTheTracesName() {
        assertEquals(NetworkFamily.UMTS, NetworkFamily.ofTrace("TMobile-UMTS-driving.up"));
        assertEquals(NetworkFamily.EVDO, NetworkFamily.ofTrace("Verizon-EVDO-driving.up"));
        assertEquals(NetworkFamily.LTE, NetworkFamily.ofTrace("ATT-LTE-driving-2016.up"));
        assertEquals(NetworkFamily.LTE, NetworkFamily.ofTrace("800kbps.up"));
    }
}
