package cairn.lab.ota;

import cairn.lab.rig.ApplianceProcess;
import cairn.ota.Bundle;
import cairn.ota.BundleSigner;
import cairn.ota.BundleVerifier;
import cairn.ota.PemKeys;
import cairn.ota.ReleasePacker;
import cairn.ota.ReleaseTerms;
import cairn.ota.Version;
import cairn.ota.device.DeviceLayout;
import cairn.ota.device.Installer;
import cairn.ota.device.Releases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A box on this machine for update tests: a maintainer's key pair, small fixture releases packed and signed by
 * the real packer, a factory release, and cairn-run's own choice of the next start ({@code cairn-run --which}).
 */
final class OtaBox {
    final Path dir;
    final KeyPair keys = PemKeys.generate();
    final Path publicKey;
    final Path factory;
    final Path data;
    final Path bootId;

    OtaBox(Path dir) throws Exception {
        this.dir = dir;
        publicKey = dir.resolve("ota.pub");
        PemKeys.writePublicKey(publicKey, keys.getPublic());
        data = dir.resolve("data");
        bootId = Files.writeString(dir.resolve("boot_id"), "boot-1\n");
        Bundle f = pack(stage("1.0.0", 3, 20_000), dir.resolve("factory-server"), "1.0.0", 1);
        Releases scratch = new Releases(new DeviceLayout(dir.resolve("scratch"), dir.resolve("none")));
        Path installed = new Installer(scratch, new BundleVerifier(keys.getPublic())).install(f);
        factory = Files.move(installed, dir.resolve("factory"));
    }

    DeviceLayout layout() {
        return new DeviceLayout(data, factory);
    }

    /** A release folder of {@code files} random, incompressible files of about {@code bytesEach}. */
    Path stage(String version, int files, int bytesEach) throws IOException {
        Random random = new Random(version.hashCode());
        Path stage = dir.resolve("stage-" + version);
        Files.createDirectories(stage.resolve("lib"));
        Files.createDirectories(stage.resolve("javacpp"));
        Files.write(stage.resolve("cairn-appliance.jar"), bytes(random, bytesEach));
        for (int i = 0; i < files; i++) {
            Files.write(stage.resolve((i % 2 == 0 ? "lib/" : "javacpp/") + "part-" + i + ".bin"),
                    bytes(random, bytesEach + i));
        }
        Files.writeString(stage.resolve("VERSION"), version + "\n", StandardCharsets.US_ASCII);
        return stage;
    }

    Bundle pack(Path stage, Path out, String version, long counter) throws IOException {
        return ReleasePacker.pack(stage, out, new ReleaseTerms(Version.parse("version", version), counter,
                new Version(0, 0, 0), false), new BundleSigner(keys), Instant.parse("2026-12-03T12:00:00Z"));
    }

    static Path repository() throws IOException {
        return ApplianceProcess.jar().getParent().getParent().getParent();
    }

    /** What cairn-run would start now, with its trial books kept exactly as at a real start. */
    Path nextStart() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(repository().resolve("image-build/rootfs/usr/lib/cairn/cairn-run")
                .toString(), "--which").redirectErrorStream(false);
        pb.environment().putAll(environment());
        pb.redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("cairn-run.log").toFile()));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("cairn-run --which failed: " + out);
        }
        return Path.of(out);
    }

    Map<String, String> environment() {
        return Map.of("CAIRN_DATA", data.toString(), "CAIRN_FACTORY", factory.toString(), "CAIRN_BOOT_ID_FILE",
                bootId.toString());
    }

    /** {@code cairn-ota apply} as a process of its own, started the quick way (it is killed often). */
    ProcessBuilder apply(String manifestUrl) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-cp", otaClassPath(), "cairn.ota.OtaTool", "apply", "--public-key",
                publicKey.toString(), "--data", data.toString(), "--factory", factory.toString(), manifestUrl));
        pb.environment().putAll(environment());
        return pb;
    }

    private static String otaClassPath() {
        return Path.of(cairn.ota.OtaTool.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .toString();
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
