package cairn.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteOverridesTest {
  @TempDir Path dir;

  private Path mainFile() throws Exception {
    Path f = dir.resolve("cairn.conf");
    Files.writeString(f, "[storage]\ndir = " + dir + "\n[encoder]\nmax_kbps = 800\n");
    return f;
  }

  @Test
  void aChangeIsReadAfterTheConfigFileAndBeforeTheCommandLine() throws Exception {
    Path main = mainFile();
    RemoteOverrides r = new RemoteOverrides(Optional.of(main), List.of("segment.seconds=1"), dir);
    var applied = r.apply(Map.of("encoder.max_kbps", Optional.of("400"), "segment.seconds", Optional.of("3")));
    assertEquals(400, applied.config().encoder().maxKbps());
    assertEquals(1.0, applied.config().segment().seconds());
    assertEquals(java.util.Set.of("segment.seconds"), applied.shadowed());
    CairnConfig atStart = RemoteOverrides.load(Optional.of(main), List.of(), w -> fail(w));
    assertEquals(400, atStart.encoder().maxKbps());
    assertEquals(3.0, atStart.segment().seconds());
    r.apply(Map.of("encoder.max_kbps", Optional.empty()));
    assertEquals(800, RemoteOverrides.load(Optional.of(main), List.of(), w -> fail(w)).encoder().maxKbps());
  }

  @Test
  void aRefusedChangeLeavesTheFileAsItWas() throws Exception {
    RemoteOverrides r = new RemoteOverrides(Optional.of(mainFile()), List.of(), dir);
    r.apply(Map.of("encoder.max_kbps", Optional.of("400")));
    String before = Files.readString(r.file());
    ConfigException e = assertThrows(ConfigException.class,
        () -> r.apply(Map.of("encoder.max_kbps", Optional.of("500"), "segment.idle_seconds", Optional.of("0.5"))));
    assertEquals("segment.idle_seconds", e.key());
    assertEquals(before, Files.readString(r.file()));
    assertEquals("encoder.nope", assertThrows(ConfigException.class,
        () -> r.apply(Map.of("encoder.nope", Optional.of("1")))).key());
    assertThrows(ConfigException.class, () -> r.apply(Map.of("camera.cam1.pattern",
        Optional.of("still\"\n[system]\nreboot_command = \"rm"))));
    assertEquals(before, Files.readString(r.file()));
  }

  @Test
  void keysThatCouldCutTheBoxOffAreRefused() throws Exception {
    RemoteOverrides r = new RemoteOverrides(Optional.of(mainFile()), List.of(), dir);
    for (String key : List.of("mqtt.url", "mqtt.password", "storage.dir", "device.id", "system.reboot_command",
        "mqtt.hmac_key")) {
      ConfigException e = assertThrows(ConfigException.class, () -> r.apply(Map.of(key, Optional.of("x"))));
      assertTrue(e.getMessage().contains("cannot be changed remotely"), e.getMessage());
    }
    assertFalse(Files.exists(r.file()));
  }

  @Test
  void aRemoteFileThatNoLongerValidatesIsIgnoredWithAWarning() throws Exception {
    Path main = mainFile();
    Files.writeString(dir.resolve(RemoteOverrides.FILE_NAME), "[encoder]\nmax_kbps = \"1\"\n");
    List<String> warnings = new ArrayList<>();
    CairnConfig c = RemoteOverrides.load(Optional.of(main), List.of(), warnings::add);
    assertEquals(800, c.encoder().maxKbps());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("encoder.max_kbps"), warnings.get(0));
  }
}
