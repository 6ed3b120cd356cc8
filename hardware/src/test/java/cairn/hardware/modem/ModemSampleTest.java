package cairn.hardware.modem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ModemSampleTest {
    private static final Instant AT = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void aFullSampleReadsAsOneLogLine() {
        ModemSample sample = ModemSample.at(AT).mode(NetworkMode.FOUR_G).registration(Registration.HOME)
                .operator("Telekom.de").rssiDbm(-65).rsrpDbm(-95).rsrqDb(-11).sinrDb(9.5).signalPercent(80).build();
        assertEquals("4G HOME \"Telekom.de\" rssi -65 dBm, rsrp -95 dBm, rsrq -11 dB, sinr 9.5 dB, 80%",
                sample.toString());
        assertTrue(sample.saysAnything());
    }

    @Test
    void unreportedFieldsStayEmptyNotZero() {
        ModemSample sample = ModemSample.at(AT).operator("  ").build();
        assertEquals(Optional.empty(), sample.operator());
        assertEquals(OptionalDouble.empty(), sample.rsrpDbm());
        assertFalse(sample.saysAnything());
        assertEquals("mode? registration?", sample.toString());
    }

    @Test
    void implausibleValuesAreRefusedWithTheQuantityNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModemSample.at(AT).rsrpDbm(0));
        assertEquals("RSRP must be within -160.0..-20.0, got 0.0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModemSample.at(AT).rssiDbm(12));
        assertThrows(IllegalArgumentException.class, () -> ModemSample.at(AT).sinrDb(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ModemSample.at(AT).signalPercent(101));
    }

    @Test
    void filterDropsPlaceholdersDevicesPrint() {
        assertEquals(OptionalDouble.empty(), ModemSample.Quantity.RSRP.filter(OptionalDouble.of(-999)));
        assertEquals(OptionalDouble.of(-140), ModemSample.Quantity.RSRP.filter(OptionalDouble.of(-140)));
    }

    @Test
    void accessTechnologiesMapToGenerations() {
        assertEquals(Optional.of(NetworkMode.TWO_G), NetworkMode.fromAccessTechnology(0));
        assertEquals(Optional.of(NetworkMode.TWO_G), NetworkMode.fromAccessTechnology(3));
        assertEquals(Optional.of(NetworkMode.THREE_G), NetworkMode.fromAccessTechnology(2));
        assertEquals(Optional.of(NetworkMode.THREE_G), NetworkMode.fromAccessTechnology(6));
        assertEquals(Optional.of(NetworkMode.FOUR_G), NetworkMode.fromAccessTechnology(7));
        assertEquals(Optional.of(NetworkMode.FIVE_G), NetworkMode.fromAccessTechnology(13));
        assertEquals(Optional.empty(), NetworkMode.fromAccessTechnology(14));
        assertEquals(Optional.empty(), NetworkMode.fromAccessTechnology("seven"));
    }

    @Test
    void measurementsAsDevicesPrintThem() {
        assertEquals(OptionalDouble.of(-89), Numbers.parseMeasurement("-89dBm"));
        assertEquals(OptionalDouble.of(-11), Numbers.parseMeasurement("-11dB"));
        assertEquals(OptionalDouble.of(-14.0), Numbers.parseMeasurement("-14.0dB"));
        assertEquals(OptionalDouble.of(-51), Numbers.parseMeasurement(">=-51dBm"));
        assertEquals(OptionalDouble.of(-113), Numbers.parseMeasurement("<=-113dBm"));
        assertEquals(OptionalDouble.of(12), Numbers.parseMeasurement("12"));
        assertEquals(OptionalDouble.empty(), Numbers.parseMeasurement(""));
        assertEquals(OptionalDouble.empty(), Numbers.parseMeasurement(null));
        assertEquals(OptionalDouble.empty(), Numbers.parseMeasurement("Unknown"));
        assertEquals(OptionalDouble.empty(), Numbers.parseMeasurement("-89dBm-3"));
        assertEquals(OptionalDouble.empty(), Numbers.parseMeasurement("9".repeat(40)));
    }

    @Test
    void noModemSaysSoAtOnce() {
        ModemResult result = new NoModemReader(() -> AT).read();
        ModemFailure failure = (ModemFailure) result;
        assertEquals(ModemFailure.Reason.NO_MODEM, failure.reason());
        assertEquals("modem_none", failure.reason().code());
        assertEquals(AT, failure.at());
    }
}
