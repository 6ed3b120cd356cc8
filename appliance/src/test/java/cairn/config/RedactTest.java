package cairn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void passwordsNeverReachALog() {
    assertEquals("rtsp://***@10.0.0.5:554/s1", Redact.url("rtsp://admin:hunter2@10.0.0.5:554/s1"));
    assertEquals("https://***@example.org/up/", Redact.url("https://u:p@example.org/up/"));
    assertEquals("rtsp://10.0.0.5/s1", Redact.url("rtsp://10.0.0.5/s1"));
  }
}
