package cairn.ota.device;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where updates live on the box (DESIGN.md, "On the device"): {@code DATA/releases/VERSION/} holds installed
 * releases, {@code DATA/current} links to the one that runs, {@code DATA/ota/} keeps downloads and the trial;
 * {@code factory} is the release on the read-only root. {@code image-build/rootfs/usr/lib/cairn/cairn-run} reads
 * the same names: change both together.
 */
public record DeviceLayout(Path data, Path factory) {
    public static final String FACTORY = "factory";
    public static final String BAD_MARK = "BAD";
    public static final String MANIFEST = "release.manifest";

    public DeviceLayout {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(factory, "factory");
    }

    public Path releases() {
        return data.resolve("releases");
    }

    public Path release(String version) {
        return releases().resolve(version);
    }

    public Path current() {
        return data.resolve("current");
    }

    public Path ota() {
        return data.resolve("ota");
    }

    public Path downloads() {
        return ota().resolve("download");
    }

    /** Present while a release runs on trial; cairn-run counts its starts there. */
    public Path trial() {
        return ota().resolve("trial");
    }

    /** The highest bundle counter this box has accepted (survives rollbacks: no replay of a bad bundle). */
    public Path counter() {
        return ota().resolve("counter");
    }

    /** Left by cairn-run when it switched back; the appliance reports it and removes it. */
    public Path rolledBack() {
        return ota().resolve("rolled-back");
    }
}
