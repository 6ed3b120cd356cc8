package cairn.ota.device;

import cairn.ota.Bundle;
import cairn.ota.BundleSigner;
import cairn.ota.PemKeys;
import cairn.ota.ReleasePacker;
import cairn.ota.ReleaseTerms;
import cairn.ota.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Random;

/** A small release folder with random contents, packed and signed as the maintainer would. */
final class FixtureRelease {
    static final KeyPair KEYS = PemKeys.generate();
    static final KeyPair STRANGER = PemKeys.generate();

    private FixtureRelease() {}

    static Path stage(Path dir, String version, int seed) throws IOException {
        Random random = new Random(seed);
        Path stage = dir.resolve("stage-" + version);
        Files.createDirectories(stage.resolve("lib"));
        Files.createDirectories(stage.resolve("javacpp/cache"));
        Files.write(stage.resolve("cairn-appliance.jar"), bytes(random, 20_000));
        for (int i = 0; i < 5; i++) {
            Files.write(stage.resolve("lib/dep-" + i + ".jar"), bytes(random, 10_000 + i));
        }
        Files.write(stage.resolve("javacpp/cache/libfake.so"), bytes(random, 30_000));
        Files.writeString(stage.resolve("VERSION"), version + "\n");
        return stage;
    }

    static Bundle pack(Path dir, String version, long counter, KeyPair keys) throws IOException {
        return pack(dir, version, counter, false, keys);
    }

    static Bundle pack(Path dir, String version, long counter, boolean rollback, KeyPair keys) throws IOException {
        Path stage = stage(dir, version, (int) counter);
        return ReleasePacker.pack(stage, dir.resolve("server-" + counter),
                new ReleaseTerms(Version.parse("version", version), counter, new Version(0, 0, 0), rollback),
                new BundleSigner(keys), Instant.parse("2026-12-03T12:00:00Z"));
    }

    /** A box whose factory release is {@code version} with {@code counter}, installed the way an update would be. */
    static Releases box(Path dir, String version, long counter) throws Exception {
        Bundle factoryBundle = pack(dir, version, counter, KEYS);
        Path factory = dir.resolve("factory");
        Releases scratch = new Releases(new DeviceLayout(dir.resolve("scratch"), dir.resolve("none")));
        Path installed = new Installer(scratch, new cairn.ota.BundleVerifier(KEYS.getPublic())).install(factoryBundle);
        Files.move(installed, factory);
        return new Releases(new DeviceLayout(dir.resolve("data"), factory));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
