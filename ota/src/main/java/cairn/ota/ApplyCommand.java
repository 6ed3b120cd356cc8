package cairn.ota;

import cairn.ota.device.BootId;
import cairn.ota.device.ByteAllowance;
import cairn.ota.device.DeviceLayout;
import cairn.ota.device.Downloader;
import cairn.ota.device.Releases;
import cairn.ota.device.TrialTerms;
import cairn.ota.device.Updater;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/**
 * {@code cairn-ota apply}: the device side as a process of its own, so that tests can SIGKILL it anywhere. Prints
 * {@code phase NAME} as each phase begins (flushed), then {@code switched VERSION ...}.
 */
final class ApplyCommand {
    private final PrintStream out;
    private final PrintStream err;

    ApplyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(CommandLine cmd) throws UsageException, IOException {
        BundleVerifier verifier = new BundleVerifier(PemKeys.readPublicKey(cmd.path("public-key")));
        Releases releases = new Releases(new DeviceLayout(cmd.path("data"), cmd.path("factory")));
        TrialTerms terms = new TrialTerms((int) (cmd.options().containsKey("tries") ? cmd.number("tries", 1, 10) : 3),
                cmd.options().containsKey("deadline") ? cmd.number("deadline", 10, 86_400) : 600);
        URI url;
        if (!cmd.operandText(0).matches("https?://\\S+")) {
            throw new UsageException("the manifest URL must be an http:// or https:// address, got '"
                    + cmd.operandText(0) + "'");
        }
        try {
            url = URI.create(cmd.operandText(0));
        } catch (IllegalArgumentException e) {
            throw new UsageException("the manifest URL is not an address: " + e.getMessage());
        }
        Downloader downloader = new Downloader(ByteAllowance.unlimited(), Duration.ofSeconds(20), 8,
                d -> Thread.sleep(d.toMillis()));
        Updater updater = new Updater(releases, verifier, downloader, terms, BootId.read(), (phase, version) -> {
            out.println("phase " + phase.name().toLowerCase(java.util.Locale.ROOT));
            out.flush();
        });
        try {
            Updater.Result r = updater.apply(url);
            out.println("switched " + r.version() + " payload " + r.payloadBytes() + " fetched " + r.fetchedBytes()
                    + " requests " + r.requests());
            return OtaTool.OK;
        } catch (BundleRefusedException e) {
            err.println("REFUSED " + e.code() + ": " + e.getMessage());
            return OtaTool.REFUSED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("cairn-ota: interrupted");
            return OtaTool.FAILED;
        }
    }
}
