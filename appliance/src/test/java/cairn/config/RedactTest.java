package cairn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void credentialsInAnyUrlAreMasked() {
    assertEquals("rtsp://***@10.0.0.5:554/stream", Redact.text("rtsp://admin:Pw0rd@10.0.0.5:554/stream"));
    assertEquals("Could not open input \"rtsps://***@cam/x\"", Redact.text("Could not open input \"rtsps://a:b@c@cam/x\""));
    assertEquals("tcp://***@h1:1883,ssl://***@h2:8883", Redact.text("tcp://u:p@h1:1883,ssl://v:q@h2:8883"));
    assertEquals("https://***@host/box", Redact.text("https://token@host/box"));
    assertEquals("http://host/a@b", Redact.text("http://host/a@b"), "an @ in the path is no credential");
  }

  @Test
  void secretKeysAreMaskedEverywhereTheBoxShowsThem() throws Exception {
    CairnConfig c = ConfigLoader.load(Optional.empty(), List.of("mqtt.password=br0kerSecret",
        "mqtt.hmac_key=0123456789abcdefHMAC", "uplink.url=http://box:upl0adPw@127.0.0.1:9/in", "camera.cam1.source=rtsp://admin:camPw99@127.0.0.1:9/s"));
    // A token and credentials in the URL together are refused, so the token comes in a config of its own.
    CairnConfig withToken = ConfigLoader.load(Optional.empty(), List.of("uplink.url=http://127.0.0.1:9/in",
        "uplink.token=t0kenValue"));
    String printed = ConfigPrinter.print(c.values()) + ConfigPrinter.print(withToken.values());
    for (String secret : List.of("br0kerSecret", "0123456789abcdefHMAC", "upl0adPw", "t0kenValue", "camPw99")) {
      assertFalse(printed.contains(secret), secret + " in --print-config");
      assertEquals("an error: ***", Redact.text("an error: " + secret), "scrubbed from free text");
    }
    assertTrue(printed.contains("password = ***"), printed);
    assertTrue(printed.contains("source = rtsp://***@127.0.0.1:9/s"), printed);
    assertEquals("***", ConfigSchema.shown("mqtt.hmac_key", "whatever-value"));
    assertEquals("rtsp://***@h/s", ConfigSchema.shown("camera.door.source", "rtsp://a:b@h/s"));
    assertEquals("", ConfigSchema.shown("uplink.password", ""), "an unset secret shows as unset");
  }

  @Test
  void aRejectedSecretIsNotEchoed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Optional.empty(), List.of("mqtt.hmac_key=tooShortKey")));
    assertFalse(e.getMessage().contains("tooShortKey"), e.getMessage());
    assertTrue(e.getMessage().contains("mqtt.hmac_key"), e.getMessage());
    ConfigException u = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Optional.empty(), List.of("uplink.url=ftp://me:hunter22@host/x")));
    assertFalse(u.getMessage().contains("hunter22"), u.getMessage());
  }
}
