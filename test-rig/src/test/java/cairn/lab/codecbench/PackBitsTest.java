package cairn.lab.codecbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackBitsTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    private static byte[] roundTrip(byte[] data) throws IOException {
        byte[] packed = PackBits.encode(data);
        byte[] unpacked = new byte[data.length];
        PackBits.decode(packed, unpacked);
        assertArrayEquals(data, unpacked);
        return packed;
    }

    private static byte[] repeated(int count, int value) {
        byte[] data = new byte[count];
        Arrays.fill(data, (byte) value);
        return data;
    }

    @Test
    void matchesTheExampleOfAppleTechnicalNote1023() throws IOException {
        byte[] unpacked = hex("AA AA AA 80 00 2A AA AA AA AA 80 00 2A 22 AA AA AA AA AA AA AA AA AA AA");
        byte[] packed = hex("FE AA 02 80 00 2A FD AA 03 80 00 2A 22 F7 AA");
        assertArrayEquals(packed, PackBits.encode(unpacked));
        byte[] decoded = new byte[unpacked.length];
        PackBits.decode(packed, decoded);
        assertArrayEquals(unpacked, decoded);
    }

    @Test
    void emptyInputPacksToNothing() throws IOException {
        assertEquals(0, roundTrip(new byte[0]).length);
    }

    @Test
    void singleByteIsOneLiteral() throws IOException {
        assertArrayEquals(hex("00 7F"), roundTrip(new byte[] {0x7F}));
    }

    @Test
    void runsLongerThan128AreSplit() throws IOException {
        assertArrayEquals(hex("81 05"), roundTrip(repeated(128, 5)));
        assertArrayEquals(hex("81 05 00 05"), roundTrip(repeated(129, 5)));
        assertArrayEquals(hex("81 05 81 05 D5 05"), roundTrip(repeated(300, 5)));
    }

    @Test
    void literalsLongerThan128AreSplit() throws IOException {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] packed = roundTrip(data);
        assertEquals(300 + 3, packed.length);
        assertEquals(127, packed[0]);
        assertEquals(127, packed[129]);
        assertEquals(43, packed[258]);
    }

    @Test
    void randomDataSurvivesAndNeverGrowsMoreThanOneBytePer128() throws IOException {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            byte[] data = new byte[random.nextInt(2000)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (random.nextInt(4) == 0 ? 0 : random.nextInt(3));
            }
            byte[] packed = roundTrip(data);
            assertEquals(true, packed.length <= data.length + (data.length + 127) / 128);
        }
    }

    @Test
    void decoderSkipsTheNoOpHeader() throws IOException {
        byte[] out = new byte[3];
        PackBits.decode(hex("80 FE 09"), out);
        assertArrayEquals(hex("09 09 09"), out);
    }

    @Test
    void decoderRefusesTruncatedOrOversizedData() {
        assertThrows(IOException.class, () -> PackBits.decode(hex("03 01 02"), new byte[4]));
        assertThrows(IOException.class, () -> PackBits.decode(hex("FE"), new byte[3]));
        assertThrows(IOException.class, () -> PackBits.decode(hex("FE 01"), new byte[2]));
        assertThrows(IOException.class, () -> PackBits.decode(hex("00 01"), new byte[2]));
    }
}
