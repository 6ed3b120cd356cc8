package cairn.hardware.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AtRepliesTest {
    @Test
    void quotesProtectCommasInOperatorNames() {
        assertEquals(List.of(new AtReplies.Field("0", false), new AtReplies.Field("0", false),
                new AtReplies.Field("A1, Telekom", true), new AtReplies.Field("7", false)),
                AtReplies.fields("+COPS: 0,0,\"A1, Telekom\",7"));
        assertEquals(List.of(), AtReplies.fields("+COPS:"));
    }

    @Test
    void csqCoversTheWholeScale() {
        assertEquals(OptionalDouble.of(-113), AtReplies.csq("+CSQ: 0,99").orElseThrow().rssiDbm());
        assertEquals(OptionalDouble.of(-51), AtReplies.csq("+CSQ: 31,99").orElseThrow().rssiDbm());
        assertEquals(OptionalDouble.of(-77), AtReplies.csq("+CSQ:18,0").orElseThrow().rssiDbm());
        assertEquals(OptionalDouble.empty(), AtReplies.csq("+CSQ: 99,99").orElseThrow().rssiDbm());
        assertEquals(OptionalDouble.empty(), AtReplies.csq("+CSQ: 150,99").orElseThrow().rssiDbm(),
                "100..199 is TD-SCDMA RSCP, not RSSI");
        assertEquals(Optional.empty(), AtReplies.csq("+CSQ: -,99"));
    }

    @Test
    void copsGivesOperatorAndAccessTechnology() {
        AtReplies.Cops lte = AtReplies.cops("+COPS: 0,0,\"Vodafone.de\",7").orElseThrow();
        assertEquals(Optional.of("Vodafone.de"), lte.operator());
        assertEquals(Optional.of(NetworkMode.FOUR_G), lte.mode());
        AtReplies.Cops edge = AtReplies.cops("+COPS: 1,2,\"23003\",3").orElseThrow();
        assertEquals(Optional.of("23003"), edge.operator());
        assertEquals(Optional.of(NetworkMode.TWO_G), edge.mode());
        AtReplies.Cops old = AtReplies.cops("+COPS: 0,0,\"T-Mobile\"").orElseThrow();
        assertEquals(Optional.empty(), old.mode(), "pre-3G modems print no AcT");
        AtReplies.Cops none = AtReplies.cops("+COPS: 0").orElseThrow();
        assertEquals(Optional.empty(), none.operator());
        assertEquals(Optional.empty(), AtReplies.cops("+COPS: banana"));
    }

    @Test
    void cregReadFormIsParsedAndTheUnsolicitedFormIgnored() {
        assertEquals(Registration.HOME, AtReplies.creg("+CREG: 0,1").orElseThrow().registration());
        assertEquals(Registration.ROAMING, AtReplies.creg("+CREG: 2,5,\"00C3\",\"0000A13B\",2").orElseThrow()
                .registration());
        assertEquals(Optional.of(NetworkMode.THREE_G), AtReplies.creg("+CREG: 2,5,\"00C3\",\"0000A13B\",2")
                .orElseThrow().mode());
        assertEquals(Optional.of(NetworkMode.FOUR_G), AtReplies.creg("+CEREG: 2,1,\"1A2B\",\"01A2D04\",7")
                .orElseThrow().mode());
        assertEquals(Registration.DENIED, AtReplies.creg("+CEREG: 0,3").orElseThrow().registration());
        assertEquals(Registration.HOME, AtReplies.creg("+CEREG: 0,6").orElseThrow().registration(), "SMS only");
        assertEquals(Optional.empty(), AtReplies.creg("+CREG: 1"), "unsolicited: stat only");
        assertEquals(Optional.empty(), AtReplies.creg("+CREG: 5,\"00C3\",\"0000A13B\",2"), "unsolicited with lac");
        assertEquals(Optional.empty(), AtReplies.creg("+CREG: 0,42"), "no such stat");
    }

    @Test
    void qcsqSinrIsCodedInFifthsAboveMinusTwenty() {
        AtReplies.Qcsq lte = AtReplies.qcsq("+QCSQ: \"LTE\",-69,-102,150,-12").orElseThrow();
        assertEquals(OptionalDouble.of(10), lte.sinr());
        assertEquals(OptionalDouble.of(-102), lte.rsrp());
        assertEquals(OptionalDouble.of(-12), lte.rsrq());
        assertEquals(OptionalDouble.of(-20), AtReplies.qcsq("+QCSQ: \"CAT-M1\",-80,-110,0,-15").orElseThrow().sinr());
        assertEquals(Optional.of(NetworkMode.NONE), AtReplies.qcsq("+QCSQ: \"NOSERVICE\"").orElseThrow().mode());
        assertEquals(OptionalDouble.of(-70), AtReplies.qcsq("+QCSQ: \"WCDMA\",-70,-80,-6").orElseThrow().rssi());
        assertEquals(Optional.of(NetworkMode.FIVE_G), AtReplies.qcsq("+QCSQ: \"NR5G\",-90,120,-11").orElseThrow()
                .mode());
        assertEquals(Optional.empty(), AtReplies.qcsq("+QCSQ: \"SOMETHING\",1,2"));
    }

    @Test
    void implausibleQcsqValuesFallBackToCsq() {
        List<AtPort.Reply> replies = List.of(
                new AtPort.Reply("AT+CSQ", true, "OK", List.of("+CSQ: 20,99")),
                new AtPort.Reply("AT+QCSQ", true, "OK", List.of("+QCSQ: \"LTE\",85,-124,55,-18")));
        ModemSample sample = AtReplies.sample(replies, Instant.EPOCH);
        assertEquals(OptionalDouble.of(-73), sample.rssiDbm(), "an RSSI of +85 dBm is a firmware quirk");
        assertEquals(OptionalDouble.of(-124), sample.rsrpDbm());
        assertEquals(-9, sample.sinrDb().orElseThrow(), 1e-9);
    }

    @Test
    void registeredOnEitherDomainIsRegistered() {
        Optional<AtReplies.Creg> lteHome = AtReplies.creg("+CEREG: 0,1");
        Optional<AtReplies.Creg> csSearching = AtReplies.creg("+CREG: 0,2");
        assertEquals(Optional.of(Registration.HOME), AtReplies.registration(lteHome, csSearching));
        assertEquals(Optional.of(Registration.SEARCHING), AtReplies.registration(AtReplies.creg("+CEREG: 0,0"),
                csSearching));
        assertEquals(Optional.empty(), AtReplies.registration(Optional.empty(), Optional.empty()));
    }

    @Test
    void errorResultCodesAreRecognised() {
        for (String line : List.of("ERROR", "+CME ERROR: 30", "+CME ERROR: no network service", "+CMS ERROR: 500",
                "COMMAND NOT SUPPORT")) {
            assertTrue(AtPort.isError(line), line);
        }
    }
}
