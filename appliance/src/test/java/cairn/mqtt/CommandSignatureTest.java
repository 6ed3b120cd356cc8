package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandSignatureTest {
  private static final String KEY = "0123456789abcdef-key";

  private static Command command(String json) {
    return assertInstanceOf(CommandParser.Valid.class, CommandParser.parse(json.getBytes(StandardCharsets.UTF_8)))
        .command();
  }

  @Test
  void textIsFiveLinesWithArgsSortedAndCompact() {
    Command c = command("{\"id\":\"c-1\",\"action\":\"rate-override\",\"expires\":\"2030-01-01T00:00:00Z\","
        + "\"args\":{ \"minutes\": 5, \"kbps\": 300, \"camera\": \"cam1\" }}");
    assertEquals("cairn-cmd-v1\nc-1\nrate-override\n2030-01-01T00:00:00Z\n{\"camera\":\"cam1\",\"kbps\":300,\"minutes\":5}",
        CommandSignature.text(c));
  }

  @Test
  void matchesTheShellRecipeInTheJavadoc() {
    // printf 'cairn-cmd-v1\n%s\n%s\n%s\n%s' c-1 rate-override 2030-01-01T00:00:00Z \
    //   "$(jq -cS . <<<'{"minutes":5,"kbps":300,"camera":"cam1"}')" | openssl dgst -sha256 -hmac 0123456789abcdef-key -r
    Command c = command("{\"id\":\"c-1\",\"action\":\"rate-override\",\"expires\":\"2030-01-01T00:00:00Z\","
        + "\"args\":{\"minutes\":5,\"kbps\":300,\"camera\":\"cam1\"}}");
    assertEquals("1e001a9eb1e4adac80b5bb64a545e66eecbacb2b5a7e8831c7185f5bed9c5d5e", CommandSignature.sign(KEY, c));
  }

  @Test
  void verifiesOnlyTheRightKeyOverTheSameCommand() {
    String base = "{\"id\":\"c-2\",\"action\":\"reboot\",\"expires\":\"2030-01-01T00:00:00Z\"";
    String sig = CommandSignature.sign(KEY, command(base + "}"));
    assertTrue(CommandSignature.verify(KEY, command(base + ",\"sig\":\"" + sig + "\"}")));
    assertTrue(CommandSignature.verify(KEY, command(base + ",\"sig\":\"" + sig.toUpperCase() + "\"}")));
    assertFalse(CommandSignature.verify("another-key-of-16+", command(base + ",\"sig\":\"" + sig + "\"}")));
    assertFalse(CommandSignature.verify(KEY, command(base.replace("c-2", "c-3") + ",\"sig\":\"" + sig + "\"}")));
    assertFalse(CommandSignature.verify(KEY, command(base + ",\"sig\":\"zz\"}")));
    assertFalse(CommandSignature.verify(KEY, command(base + "}")));
  }
}
