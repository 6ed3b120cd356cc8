package cairn.lab.ota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cairn.lab.link.LinkConfig;
import cairn.lab.link.LinkEmulator;
import cairn.lab.link.MahimahiTrace;
import cairn.lab.receiver.NginxReceiver;
import cairn.lab.receiver.ReceiverOptions;
import cairn.lab.rig.FreePort;
import cairn.ota.Bundle;
import cairn.ota.Manifest;
import cairn.ota.PayloadDigest;
import cairn.ota.device.ByteAllowance;
import cairn.ota.device.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resumable download against real nginx through the link emulator: connections reset at random moments
 * (so at random offsets of the file), an allowance that runs out and is renewed. The resumed file hashes right
 * and what crossed the link stays within a few per cent of the bundle's size.
 */
class OtaDownloadIT {
    @TempDir
    Path dir;

    @Test
    void connectionsDroppedAtRandomOffsetsResumeToTheRightBytesWithLittleWaste() throws Exception {
        OtaBox box = new OtaBox(dir);
        try (NginxReceiver nginx = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults());
                LinkEmulator link = LinkEmulator.start(LinkConfig.unlimited().withDownlink(MahimahiTrace.constant(8_000)),
                        nginx.address(), FreePort.find())) {
            Bundle b = box.pack(box.stage("1.1.0", 10, 200_000), nginx.root().resolve("rel"), "1.1.0", 2);
            Manifest m = Manifest.decode(Files.readAllBytes(b.manifest()));
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong resets = new AtomicLong();
            Random random = new Random(7);
            Thread cutter = new Thread(() -> {
                while (!done.get()) {
                    try {
                        Thread.sleep(30 + random.nextInt(120));
                    } catch (InterruptedException e) {
                        return;
                    }
                    link.resetConnections();
                    resets.incrementAndGet();
                }
            }, "cutter");
            cutter.start();
            Downloader downloader = new Downloader(ByteAllowance.unlimited(), Duration.ofSeconds(5), 50, d -> { });
            Path part = dir.resolve("payload.part");
            try {
                downloader.fetchResumable(URI.create("http://127.0.0.1:" + link.port() + "/rel/" + m.payloadName()),
                        part, m.payloadSize(), (have, total) -> { });
            } finally {
                done.set(true);
                cutter.join();
            }
            assertEquals(m.payloadSha256(), PayloadDigest.of(part).sha256());
            long onLink = link.downlinkCounters().delivered();
            System.out.println("OtaDownloadIT: " + m.payloadSize() + " bytes in " + downloader.requests()
                    + " requests, " + resets.get() + " resets, " + onLink + " bytes crossed the link ("
                    + String.format("%.2f", 100.0 * (onLink - m.payloadSize()) / m.payloadSize()) + " % more)");
            assertTrue(downloader.requests() > 10, "the cuts did interrupt: " + downloader.requests() + " requests");
            assertTrue(onLink <= m.payloadSize() * 1.05, onLink + " bytes on the link for " + m.payloadSize());
        }
    }

    @Test
    void aSpentAllowancePausesTheDownloadKeepingWhatArrivedAndARenewedOneFinishesIt() throws Exception {
        OtaBox box = new OtaBox(dir);
        try (NginxReceiver nginx = NginxReceiver.start(dir.resolve("nginx"), ReceiverOptions.defaults())) {
            Bundle b = box.pack(box.stage("1.1.0", 4, 100_000), nginx.root().resolve("rel"), "1.1.0", 2);
            Manifest m = Manifest.decode(Files.readAllBytes(b.manifest()));
            URI uri = URI.create(nginx.baseUrl().resolve("/rel/" + m.payloadName()).toString());
            Path part = dir.resolve("payload.part");
            AtomicLong left = new AtomicLong(m.payloadSize() / 3);
            ByteAllowance allowance = new ByteAllowance() {
                @Override
                public boolean mayFetch(long bytes) {
                    return bytes <= left.get();
                }

                @Override
                public void fetched(long bytes) {
                    left.addAndGet(-bytes);
                }
            };
            Downloader first = new Downloader(allowance, Duration.ofSeconds(5), 3, d -> { });
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> first.fetchResumable(uri, part, m.payloadSize(), (h, t) -> { }));
            assertTrue(e.getMessage().contains("allowance"), e.getMessage());
            long kept = Files.size(part);
            assertTrue(kept > 0 && kept <= m.payloadSize() / 3, "kept " + kept);
            left.set(m.payloadSize());
            Downloader second = new Downloader(allowance, Duration.ofSeconds(5), 3, d -> { });
            second.fetchResumable(uri, part, m.payloadSize(), (h, t) -> { });
            assertEquals(m.payloadSha256(), PayloadDigest.of(part).sha256());
            assertEquals(m.payloadSize() - kept, second.fetchedTotal(), "the second run fetched only the rest");
        }
    }
}
