package cairn.ota.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.ota.Bundle;
import cairn.ota.BundleRefusedException;
import cairn.ota.BundleVerifier;
import cairn.ota.RefusalCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
    @TempDir
    Path dir;

    private Releases box;
    private Installer installer;

    @BeforeEach
    void aBoxRunningTheFactoryRelease() throws Exception {
        box = FixtureRelease.box(dir, "1.0.0", 1);
        installer = new Installer(box, new BundleVerifier(FixtureRelease.KEYS.getPublic()));
    }

    @Test
    void aGoodReleaseIsInstalledCompleteAndMatchesItsSignedManifest() throws Exception {
        Path installed = installer.install(FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS));
        assertEquals(box.layout().release("1.1.0"), installed);
        assertTrue(Releases.usable(installed));
        assertEquals(java.util.Optional.empty(), ReleaseCheck.problem(installed, FixtureRelease.KEYS.getPublic()));
        assertEquals(0, box.acceptedCounter(), "accepted only once switched, so that a retry is not a replay");
        assertEquals(installed, installer.install(FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS)),
                "installing the same bundle again (a crash before the switch) is allowed");
        assertEquals(List.of("1.1.0"), names(box.layout().releases()));
    }

    @Test
    void aFlippedByteInThePayloadIsRefusedAndNothingIsInstalled() throws Exception {
        Bundle b = FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS);
        try (RandomAccessFile f = new RandomAccessFile(b.payload().toFile(), "rw")) {
            f.seek(f.length() / 2);
            int x = f.read();
            f.seek(f.length() / 2);
            f.write(x ^ 0x01);
        }
        assertRefused(RefusalCode.TAMPERED_PAYLOAD, b);
    }

    @Test
    void aTruncatedPayloadIsRefused() throws Exception {
        Bundle b = FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS);
        try (RandomAccessFile f = new RandomAccessFile(b.payload().toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        assertRefused(RefusalCode.TRUNCATED_PAYLOAD, b);
    }

    @Test
    void aReleaseSignedWithAnotherKeyIsRefused() throws Exception {
        assertRefused(RefusalCode.WRONG_KEY, FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.STRANGER));
    }

    @Test
    void aReplayedOlderReleaseIsRefusedEvenAfterANewerOneWasInstalled() throws Exception {
        Bundle older = FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS);
        installer.install(FixtureRelease.pack(dir, "1.2.0", 3, FixtureRelease.KEYS));
        new ReleaseSwitch(box).switchTo("1.2.0", new TrialTerms(3, 600), "boot");
        box.acceptCounter(3);
        assertRefused(RefusalCode.REPLAY, older);
        assertRefused(RefusalCode.REPLAY, FixtureRelease.pack(dir, "1.3.0", 3, FixtureRelease.KEYS));
    }

    @Test
    void anOlderVersionNeedsASignedRollbackWithANewCounter() throws Exception {
        new ReleaseSwitch(box).switchTo(installer.install(FixtureRelease.pack(dir, "1.2.0", 3, FixtureRelease.KEYS))
                .getFileName().toString(), new TrialTerms(3, 600), "boot");
        box.acceptCounter(3);
        assertRefused(RefusalCode.DOWNGRADE, FixtureRelease.pack(dir, "1.1.0", 4, FixtureRelease.KEYS));
        assertTrue(Releases.usable(installer.install(FixtureRelease.pack(dir, "1.1.0", 5, true, FixtureRelease.KEYS))));
    }

    @Test
    void aManifestWhoseHashDoesNotMatchTheBundleIsRefused() throws Exception {
        Bundle one = FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS);
        Bundle other = FixtureRelease.pack(dir, "1.1.1", 3, FixtureRelease.KEYS);
        Files.copy(other.payload(), one.payload(), StandardCopyOption.REPLACE_EXISTING);
        BundleRefusedException e = assertRefused(null, one);
        assertTrue(e.code() == RefusalCode.TAMPERED_PAYLOAD || e.code() == RefusalCode.TRUNCATED_PAYLOAD, e.code()
                + "");
    }

    @Test
    void aVersionMarkedBadIsNotInstalledAgain() throws Exception {
        Files.createDirectories(box.layout().release("1.1.0"));
        Files.writeString(box.layout().release("1.1.0").resolve("BAD"), "failed\n");
        assertRefused(RefusalCode.KNOWN_BAD, FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS));
    }

    @Test
    void leftoversOfAnInterruptedInstallAreRemovedByTheNext() throws Exception {
        Files.createDirectories(box.layout().releases().resolve(".partial-1.1.0-123/lib"));
        installer.install(FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS));
        assertEquals(List.of("1.1.0"), names(box.layout().releases()));
    }

    @Test
    void theSwitchPutsTheNewReleaseOnTrialAndACommitEndsIt() throws Exception {
        installer.install(FixtureRelease.pack(dir, "1.1.0", 2, FixtureRelease.KEYS));
        new ReleaseSwitch(box).switchTo("1.1.0", new TrialTerms(3, 600), "boot-1");
        assertEquals(box.layout().release("1.1.0"), box.running());
        Trial trial = new Trial(box);
        assertEquals(java.util.Optional.of("1.1.0"), trial.running());
        assertEquals("factory", Files.readString(box.layout().trial().resolve("previous")).strip());
        trial.commit();
        assertFalse(Files.exists(box.layout().trial()));
        assertEquals(java.util.Optional.empty(), trial.running());
    }

    private BundleRefusedException assertRefused(RefusalCode code, Bundle b) throws IOException {
        List<String> before = names(box.layout().releases());
        BundleRefusedException e = assertThrows(BundleRefusedException.class, () -> installer.install(b));
        if (code != null) {
            assertEquals(code, e.code(), e.getMessage());
        }
        assertEquals(before, names(box.layout().releases()), "a refused bundle changed releases/");
        return e;
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
