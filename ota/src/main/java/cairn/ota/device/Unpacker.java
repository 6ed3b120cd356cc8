package cairn.ota.device;

import cairn.ota.BundleRefusedException;
import cairn.ota.Manifest;
import cairn.ota.RefusalCode;
import cairn.ota.ReleaseFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks a verified release zip into a folder, writing only the files the signed manifest lists and checking
 * each one's size and SHA-256 as it is written. Every file and folder is fsynced, so that the one rename that
 * follows ({@link Installer}) publishes a complete release or nothing.
 */
final class Unpacker {
    private static final long SYNC_EVERY = 4L << 20;

    private Unpacker() {}

    static void unpack(Path zip, Manifest manifest, Path into) throws IOException, BundleRefusedException {
        Map<String, ReleaseFile> expected = new HashMap<>();
        manifest.files().forEach(f -> expected.put(f.path(), f));
        if (expected.isEmpty()) {
            throw refused("the manifest lists no files, so the payload is not a release");
        }
        Set<String> seen = new HashSet<>();
        Set<Path> folders = new TreeSet<>();
        folders.add(into);
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (Enumeration<? extends ZipEntry> e = file.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                ReleaseFile promised = expected.get(entry.getName());
                if (promised == null) {
                    throw refused("the payload holds '" + clip(entry.getName()) + "', which the manifest does not list");
                }
                if (!seen.add(promised.path())) {
                    throw refused("the payload holds '" + promised.path() + "' twice");
                }
                Path target = into.resolve(promised.path());
                for (Path p = target.getParent(); p != null && p.startsWith(into); p = p.getParent()) {
                    folders.add(p);
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    write(in, target, promised);
                }
            }
        } catch (ZipException e) {
            throw refused("the payload is not a readable zip (" + e.getMessage() + ")");
        }
        for (String path : expected.keySet()) {
            if (!seen.contains(path)) {
                throw refused("the payload lacks '" + path + "', which the manifest lists");
            }
        }
        for (Path folder : folders) {
            Disk.fsync(folder);
        }
    }

    private static void write(InputStream in, Path target, ReleaseFile promised)
            throws IOException, BundleRefusedException {
        MessageDigest sha = sha256();
        long size = 0;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(ch);
                DigestInputStream digesting = new DigestInputStream(in, sha)) {
            byte[] buffer = new byte[64 * 1024];
            long unsynced = 0;
            for (int n; (n = digesting.read(buffer)) > 0; ) {
                size += n;
                if (size > promised.size()) {
                    throw refused("'" + promised.path() + "' is longer than the manifest's " + promised.size()
                            + " bytes");
                }
                out.write(buffer, 0, n);
                unsynced += n;
                if (unsynced >= SYNC_EVERY) {
                    ch.force(false);
                    unsynced = 0;
                }
            }
            ch.force(true);
        }
        if (size != promised.size() || !HexFormat.of().formatHex(sha.digest()).equals(promised.sha256())) {
            throw refused("'" + promised.path() + "' does not have the size and SHA-256 the manifest promises");
        }
    }

    private static String clip(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "…" : name;
    }

    private static BundleRefusedException refused(String why) {
        return new BundleRefusedException(RefusalCode.BAD_RELEASE, "The release cannot be installed: " + why + ".");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK lacks SHA-256", e);
        }
    }
}
