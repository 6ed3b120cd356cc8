package cairn.mqtt;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {
  private static CommandParser.Parsed parse(String s) {
    return CommandParser.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  private static CommandParser.Invalid invalid(String s) {
    return assertInstanceOf(CommandParser.Invalid.class, parse(s));
  }

  @Test
  void readsAFullCommand() {
    Command c = assertInstanceOf(CommandParser.Valid.class, parse("""
        {"id":"a1","action":"rate-override","args":{"kbps":300},"expires":"2030-01-01T00:00:00+01:00","sig":"ab"}
        """)).command();
    assertEquals("a1", c.id());
    assertEquals("rate-override", c.action());
    assertEquals(300, c.args().get("kbps").asInt());
    assertEquals(Optional.of("2030-01-01T00:00:00+01:00"), c.expires());
    assertEquals(Optional.of("ab"), c.sig());
  }

  @Test
  void argsMayBeLeftOut() {
    Command c = assertInstanceOf(CommandParser.Valid.class, parse("{\"id\":\"a\",\"action\":\"ping\"}")).command();
    assertTrue(c.args().isEmpty());
  }

  @Test
  void brokenJsonStillGetsAnAnswerWhenItsIdCanBeRead() {
    CommandParser.Invalid bad = invalid("{\"id\":\"x-7\",\"action\":\"ping\",");
    assertEquals(Optional.of("x-7"), bad.id());
    assertTrue(bad.reason().startsWith("the command is not valid JSON"), bad.reason());
  }

  @Test
  void withoutAReadableIdThereIsNobodyToAnswer() {
    assertEquals(Optional.empty(), invalid("\u0000\u00ff garbage").id());
    assertEquals(Optional.empty(), invalid("[1,2]").id());
    assertEquals(Optional.empty(), invalid("{\"action\":\"ping\"}").id());
    assertEquals(Optional.empty(), invalid("{\"id\":7,\"action\":\"ping\"}").id());
    assertEquals(Optional.empty(), invalid("{\"id\":\"\",\"action\":\"ping\"}").id());
  }

  @Test
  void refusesWhatIsNotExactlyACommand() {
    assertEquals("unknown field 'arg'; a command has id, action, args, expires and sig",
        invalid("{\"id\":\"a\",\"action\":\"ping\",\"arg\":{}}").reason());
    assertEquals("args must be a JSON object", invalid("{\"id\":\"a\",\"action\":\"ping\",\"args\":[1]}").reason());
    assertEquals("the command has no action", invalid("{\"id\":\"a\",\"action\":3}").reason());
    assertTrue(invalid("{\"id\":\"a\",\"action\":\"ping\",\"expires\":\"tomorrow\"}").reason()
        .startsWith("expires must be an ISO-8601 time"));
    assertTrue(invalid("{\"id\":\"a\",\"id\":\"b\",\"action\":\"ping\"}").reason().contains("not valid JSON"));
    assertTrue(invalid("{\"id\":\"a\",\"action\":\"ping\"} {}").reason().contains("not valid JSON"));
  }

  @Test
  void refusesHugePayloadsAndLongIds() {
    String big = "{\"id\":\"big\",\"action\":\"ping\",\"args\":{\"x\":\"" + "y".repeat(20_000) + "\"}}";
    CommandParser.Invalid bad = invalid(big);
    assertEquals(Optional.of("big"), bad.id());
    assertTrue(bad.reason().contains("at most 16384"), bad.reason());
    assertEquals("the id is longer than 128 characters",
        invalid("{\"id\":\"" + "i".repeat(129) + "\",\"action\":\"ping\"}").reason());
  }

  @Test
  void deepNestingIsRefusedNotAStackOverflow() {
    String deep = "{\"id\":\"d\",\"action\":\"ping\",\"args\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertFalse(parse(deep) instanceof CommandParser.Valid);
  }
}
