package cairn.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FfmpegSourceTest {
  @Test
  void passwordsNeverReachALog() {
    assertEquals("rtsp://***@10.0.0.5:554/s1", FfmpegSource.redact("rtsp://admin:hunter2@10.0.0.5:554/s1"));
    assertEquals("rtsp://10.0.0.5/s1", FfmpegSource.redact("rtsp://10.0.0.5/s1"));
  }
}
