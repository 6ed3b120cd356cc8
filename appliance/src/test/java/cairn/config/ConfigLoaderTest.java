package cairn.config;

import static org.junit.jupiter.api.Assertions.*;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("cairn.conf");
    Files.writeString(f, text);
    return f;
  }

  private ConfigException error(String text, String... sets) throws IOException {
    Path f = file(text);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.of(f), List.of(sets)));
  }

  @Test
  void noConfigMeansOneTestPatternCameraAndALocalSpool() throws Exception {
    CairnConfig c = ConfigLoader.load(Optional.empty(), List.of());
    assertEquals(1, c.cameras().size());
    assertEquals(CameraConfig.Kind.TESTSRC, c.cameras().get(0).kind());
    assertEquals(Path.of(System.getProperty("user.home"), "cairn-data"), c.storage().dir());
  }

  @Test
  void readsSectionsCommentsQuotesAndUnits() throws Exception {
    CairnConfig c = ConfigLoader.load(Optional.of(file("""
        # installer's notes
        [device]
        id = hut-7   ; trailing comment
        [storage]
        quota = 512 MiB
        [segment]
        seconds = 1500ms
        [camera.door]
        source = "rtsp://user:p#ss@192.0.2.1/stream"   # password with a hash, quoted
        [camera.yard]
        source = file:%s
        loop = no
        """.formatted(file("x").toString()))), List.of());
    assertEquals("hut-7", c.deviceId());
    assertEquals(512L << 20, c.storage().quotaBytes());
    assertEquals(1.5, c.segment().seconds());
    assertEquals(List.of("door", "yard"), c.cameras().stream().map(CameraConfig::name).toList());
    assertEquals("rtsp://user:p#ss@192.0.2.1/stream", c.cameras().get(0).source());
    assertFalse(c.cameras().get(1).loop());
  }

  @Test
  void unknownKeyNamesFileLineKeyAndTheKeysAllowed() throws Exception {
    ConfigException e = error("[storage]\n\nqouta = 1GiB\n");
    assertEquals("storage.qouta", e.key());
    assertTrue(e.getMessage().startsWith("config error: " + dir.resolve("cairn.conf") + ":3: storage.qouta: unknown key;"),
        e.getMessage());
    assertTrue(e.getMessage().contains("allowed: dir, quota, min_free"), e.getMessage());
  }

  @Test
  void unknownSectionListsTheSections() throws Exception {
    ConfigException e = error("[strage]\ndir = /x\n");
    assertTrue(e.getMessage().contains(":2: strage.dir: unknown section; allowed: device, storage"), e.getMessage());
  }

  @Test
  void wrongTypeSaysWhatIsAllowed() throws Exception {
    ConfigException e = error("[encoder]\ncrf = high\n");
    assertEquals("config error: " + dir.resolve("cairn.conf") + ":2: encoder.crf: 'high' is not a whole number; "
        + "allowed: auto, or a whole number from 10 to 45", e.getMessage());
  }

  @Test
  void aCamerasLadderAndWeightAndTheRateKeys() throws Exception {
    CairnConfig c = ConfigLoader.load(Optional.of(file("[rate]\nfixed_kbps = 800\n[link]\nmodem = hilink\n"
        + "[camera.door]\nladder = 900@25, 400@12/540\nweight = 2\n")), List.of());
    CameraConfig door = c.cameras().get(0);
    assertEquals(cairn.config.Ladder.parse("900@25, 400@12/540"), door.ladder());
    assertEquals(2.0, door.weight());
    assertEquals(800, c.rate().fixedKbps());
    assertFalse(c.rate().adaptive());
    assertEquals("hilink", c.link().modem());
    assertEquals(2.0, c.uplink().liveMaxAgeS());
    ConfigException e = error("[camera.door]\nladder = 400@25, 900@25\n");
    assertEquals("config error: " + dir.resolve("cairn.conf") + ":2: camera.door.ladder: rungs must fall in bitrate,"
        + " best first: 400@25 then 900@25; allowed: rungs KBPS@FPS or KBPS@FPS/HEIGHT, comma-separated, falling in"
        + " bitrate (e.g. 1200@25, 600@15/540)", e.getMessage());
    assertTrue(error("[link]\nmodem = huawei\n").getMessage().contains("link.modem: 'huawei' is not one of the choices;"
        + " allowed: none, hilink, at, mmcli"));
  }

  @Test
  void outOfRangeIsRefused() throws Exception {
    assertTrue(error("[segment]\nseconds = 30s\n").getMessage().contains("segment.seconds: 30s is out of range; allowed: seconds from 0.5 to 10"));
    assertTrue(error("[storage]\nquota = 12\n").getMessage().contains("storage.quota: 12 is out of range"));
  }

  @Test
  void badChoicesBooleansAndSources() throws Exception {
    assertTrue(error("[encoder]\ncodec = h265\n").getMessage().contains("allowed: auto, libx264, h264_v4l2m2m"));
    assertTrue(error("[camera.a]\nloop = maybe\n").getMessage().contains("'maybe' is not true or false"));
    assertTrue(error("[camera.a]\nsource = http://cam/x\n").getMessage().contains("camera.a.source"));
    assertTrue(error("[camera.a]\nsource = file:/no/such.mp4\n").getMessage().contains("cannot be read"));
    assertTrue(error("[camera.A B]\nsource = testsrc\n").getMessage().contains("is not a valid camera name"));
  }

  @Test
  void malformedLinesAreRefusedWithTheirLine() throws Exception {
    assertTrue(error("id = x\n").getMessage().contains(":1: id: comes before any [section]"));
    assertTrue(error("[device]\njust words\n").getMessage().contains(":2: just words: not a 'key = value' line"));
    assertTrue(error("[device]\nid = a\nid = b\n").getMessage().contains(":3: device.id: is set twice (also at "));
    assertTrue(error("[device\n").getMessage().contains("no closing ]"));
    assertTrue(error("[camera.a]\nsource = \"rtsp://x\n").getMessage().contains("no closing quote"));
  }

  @Test
  void crossChecksNameTheKey() throws Exception {
    ConfigException e = error("[segment]\nseconds = 4\nidle_seconds = 2\n");
    assertEquals("segment.idle_seconds", e.key());
  }

  @Test
  void noEnabledCameraIsAConfigErrorNamingTheKey() throws Exception {
    ConfigException e = error("", "camera.cam1.enabled=false");
    assertEquals("camera.cam1.enabled", e.key());
    assertTrue(e.getMessage().contains("no camera is enabled"), e.getMessage());
  }

  @Test
  void credentialsInTheUplinkUrlBecomeBasicAuthAndLeaveTheUrl() throws Exception {
    CairnConfig c = ConfigLoader.load(Optional.empty(), List.of("uplink.url=http://hut%2B7:p%40ss+w@127.0.0.1:8080/up"));
    assertEquals("http://127.0.0.1:8080/up", c.uplink().url());
    assertEquals("hut+7", c.uplink().user());
    assertEquals("p@ss+w", c.uplink().password());
    assertFalse(c.uplink().toString().contains("p@ss"), c.uplink().toString());
  }

  @Test
  void credentialsBothInTheUrlAndInUplinkUserAreRefused() throws Exception {
    ConfigException e = error("", "uplink.url=http://a:secret-pw@127.0.0.1/up", "uplink.user=b");
    assertEquals("uplink.url", e.key());
    assertFalse(e.getMessage().contains("secret-pw"), e.getMessage());
  }

  @Test
  void setOverridesTheFileAndIsCheckedTheSameWay() throws Exception {
    Path f = file("[encoder]\ncrf = 30\n");
    assertEquals(22, ConfigLoader.load(Optional.of(f), List.of("encoder.crf=22")).encoder().crf());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Optional.of(f), List.of("encoder.crf=99")));
    assertTrue(e.getMessage().startsWith("config error: --set: encoder.crf: 99 is out of range"));
    assertThrows(ConfigException.class, () -> ConfigLoader.load(Optional.empty(), List.of("encoder.crf")));
  }

  @Test
  void theDataBudgetIsOffByDefaultAndReadsAsASizeAMonth() throws Exception {
    assertFalse(ConfigLoader.load(Optional.empty(), List.of()).budget().enabled());
    CairnConfig c = ConfigLoader.load(Optional.empty(), List.of("uplink.data_budget=20GiB/month",
        "uplink.budget_renewal_day=15"));
    assertEquals(20L << 30, c.budget().bytes());
    assertEquals(15, c.budget().renewalDay());
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Optional.empty(), List.of("uplink.data_budget=lots")));
    assertEquals("uplink.data_budget", e.key());
    assertTrue(e.getMessage().contains("20GiB/month"), e.getMessage());
    assertEquals("uplink.budget_renewal_day", assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Optional.empty(), List.of("uplink.budget_renewal_day=31"))).key());
  }

  @Test
  void setCanAddACamera() throws Exception {
    CairnConfig c = ConfigLoader.load(Optional.empty(), List.of("camera.gate.source=rtsp://127.0.0.1:8554/cam"));
    assertEquals("gate", c.cameras().get(0).name());
    assertEquals(CameraConfig.Kind.RTSP, c.cameras().get(0).kind());
  }

  @Test
  void missingFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(Optional.of(dir.resolve("nope.conf")), List.of()));
    assertTrue(e.getMessage().contains("does not exist"));
  }

  @Test
  void printedConfigReadsBackToTheSameValues() throws Exception {
    ConfigValues v = ConfigLoader.values(Optional.empty(), List.of("camera.door.source=rtsp://h/x#y",
        "storage.quota=3GiB", "camera.door.pixel_format=mjpeg"));
    String printed = ConfigPrinter.print(v);
    ConfigValues back = ConfigLoader.values(Optional.of(file(printed)), List.of());
    assertEquals(printed, ConfigPrinter.print(back));
    assertEquals("rtsp://h/x#y", back.camera("door", ConfigSchema.CAMERA_SOURCE));
  }
}
