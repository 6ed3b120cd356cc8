package cairn.ota;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Operator side: turns a staged release folder (cairn-appliance.jar, lib/, javacpp/ with the unpacked natives,
 * the launcher and the unit file) into the static files a release server needs:
 *
 * <pre>
 * OUT/cairn-1.4.2.zip                 the payload
 * OUT/cairn-1.4.2.zip.manifest(.sig)  its signed manifest, listing every file's size and SHA-256
 * OUT/latest.manifest(.sig)           the same manifest, under the name boxes poll
 * </pre>
 * Any server that serves files (nginx, with Range requests, as it does by default) can serve OUT.
 */
public final class ReleasePacker {
    private static final FileTime FIXED_TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

    private ReleasePacker() {}

    public static Bundle pack(Path staged, Path out, ReleaseTerms terms, BundleSigner signer, Instant now)
            throws IOException {
        if (!Files.isRegularFile(staged.resolve("cairn-appliance.jar")) || !Files.isDirectory(staged.resolve("javacpp"))) {
            throw new IOException(staged + " is not a release folder: it needs cairn-appliance.jar and javacpp/");
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(staged)) {
            files = all.filter(Files::isRegularFile).sorted().toList();
        }
        Files.createDirectories(out);
        Path payload = out.resolve("cairn-" + terms.version() + ".zip");
        List<ReleaseFile> listed = new ArrayList<>();
        Path tmp = out.resolve(payload.getFileName() + ".tmp");
        try (OutputStream raw = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(raw)) {
            for (Path file : files) {
                String name = staged.relativize(file).toString().replace('\\', '/');
                if (name.equals("release.manifest") || name.equals("release.manifest.sig")) {
                    continue; // the device writes its own copy of the signed manifest there
                }
                ZipEntry entry = new ZipEntry(name);
                entry.setLastModifiedTime(FIXED_TIME);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
                PayloadDigest d = PayloadDigest.of(file);
                listed.add(new ReleaseFile(name, d.size(), d.sha256()));
            }
        }
        Files.move(tmp, payload, StandardCopyOption.REPLACE_EXISTING);
        Bundle bundle = signer.sign(payload, terms, listed, now);
        Files.copy(bundle.manifest(), out.resolve("latest.manifest"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(bundle.signature(), out.resolve("latest.manifest.sig"), StandardCopyOption.REPLACE_EXISTING);
        return bundle;
    }
}
