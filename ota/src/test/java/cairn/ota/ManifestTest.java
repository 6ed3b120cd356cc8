package cairn.ota;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestTest {
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String TEXT = "format=cairn-ota-manifest/2\n"
            + "version=1.4.2\n"
            + "counter=17\n"
            + "payload=cairn-1.4.2.zip\n"
            + "payload-size=52428800\n"
            + "payload-sha256=" + SHA + "\n"
            + "created-at=2026-11-21T10:15:00Z\n"
            + "minimum-previous-version=1.2.0\n"
            + "rollback=no\n"
            + "file=" + SHA + " 1043 cairn-appliance.jar\n";

    private static Manifest sample() {
        return new Manifest(new Version(1, 4, 2), 17, "cairn-1.4.2.zip", 52_428_800, SHA,
                Instant.parse("2026-11-21T10:15:00.750Z"), new Version(1, 2, 0), false,
                java.util.List.of(new ReleaseFile("cairn-appliance.jar", 1043, SHA)));
    }

    @Test
    void encodesToTheDocumentedText() {
        assertEquals(TEXT, new String(sample().encode(), StandardCharsets.US_ASCII));
    }

    @Test
    void decodesWhatItEncodes() {
        Manifest decoded = Manifest.decode(TEXT.getBytes(StandardCharsets.US_ASCII));
        assertEquals(sample(), decoded);
        assertArrayEquals(sample().encode(), decoded.encode());
    }

    @Test
    void keyOrderAfterTheFormatLineDoesNotMatter() {
        String shuffled = "format=cairn-ota-manifest/2\n"
                + "rollback=no\n"
                + "payload=cairn-1.4.2.zip\n"
                + "minimum-previous-version=1.2.0\n"
                + "counter=17\n"
                + "created-at=2026-11-21T10:15:00Z\n"
                + "payload-sha256=" + SHA + "\n"
                + "payload-size=52428800\n"
                + "version=1.4.2\n"
                + "file=" + SHA + " 1043 cairn-appliance.jar\n";
        assertEquals(sample(), Manifest.decode(shuffled.getBytes(StandardCharsets.US_ASCII)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "unknown format          | format=cairn-ota-manifest/2                 | format=cairn-ota-manifest/1 | got 'cairn-ota-manifest/1'",
        "format not first        | format=cairn-ota-manifest/2\\nversion=1.4.2 | version=1.4.2\\nformat=cairn-ota-manifest/2 | must start with 'format=",
        "counter zero            | counter=17                                  | counter=0                   | 'counter' must be a whole number from 1",
        "rollback maybe          | rollback=no                                 | rollback=maybe              | 'rollback' must be yes or no",
        "payload with a slash    | payload=cairn-1.4.2.zip                     | payload=../x.zip            | 'payload' must be a plain file name",
        "file path escaping      | 1043 cairn-appliance.jar                    | 1043 ../etc/passwd          | must be names of A-Z",
        "absolute file path      | 1043 cairn-appliance.jar                    | 1043 /etc/passwd            | must be names of A-Z",
        "missing key             | minimum-previous-version=1.2.0\\n           | \"\"                        | lacks the key 'minimum-previous-version'",
        "repeated key            | version=1.4.2\\n                            | version=1.4.2\\nversion=1.4.3\\n | has the key 'version' more than once",
        "unknown key             | version=1.4.2\\n                            | version=1.4.2\\nowner=evil\\n | unknown key 'owner'",
        "not key=value           | version=1.4.2\\n                            | version 1.4.2\\n             | line 2 is not a key=value line",
        "carriage return         | version=1.4.2\\n                            | version=1.4.2\\r\\n           | line 2 is not a key=value line",
        "bad version             | version=1.4.2\\n                            | version=1.4\\n               | 'version' must look like 1.4.2",
        "negative size           | payload-size=52428800                       | payload-size=-1             | 'payload-size' must be a whole number",
        "size with plus          | payload-size=52428800                       | payload-size=+5             | 'payload-size' must be a whole number",
        "uppercase sha           | payload-sha256=9f86                         | payload-sha256=9F86         | 'payload-sha256' must be 64 lowercase hex digits",
        "bad time                | created-at=2026-11-21T10:15:00Z             | created-at=yesterday        | 'created-at' must be a UTC time",
        "minimum newer than self | minimum-previous-version=1.2.0              | minimum-previous-version=1.5.0 | 'minimum-previous-version' 1.5.0 must not be newer than 'version' 1.4.2",
    })
    void refusesMalformedTextSayingWhatIsWrong(String name, String from, String to, String expected) {
        String text = TEXT.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n").replace("\\r", "\r"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Manifest.decode(text.getBytes(StandardCharsets.US_ASCII)));
        assertContains(expected, e.getMessage());
    }

    @Test
    void refusesATruncatedLastLine() {
        byte[] cut = TEXT.substring(0, TEXT.length() - 3).getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifest.decode(cut));
        assertEquals("the manifest must end with a newline", e.getMessage());
    }

    @Test
    void refusesNonAsciiAndOversizedManifests() {
        byte[] latin = TEXT.replace("1.4.2", "1.4.2\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IllegalArgumentException.class, () -> Manifest.decode(latin));
        byte[] huge = (TEXT + "x".repeat(Manifest.MAX_BYTES)).getBytes(StandardCharsets.US_ASCII);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Manifest.decode(huge));
        assertContains("more than the " + Manifest.MAX_BYTES, e.getMessage());
    }

    static void assertContains(String expected, String actual) {
        if (!actual.contains(expected)) {
            throw new AssertionError("expected a message containing <" + expected + "> but was <" + actual + ">");
        }
    }
}
