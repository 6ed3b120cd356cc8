package cairn.ota;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code cairn-ota} command: make a signing key pair, sign a payload, verify a bundle.
 *
 * <p>Exit status: 0 done, 1 bundle refused, 2 wrong command line, 3 a key or file problem. One instance per
 * invocation; not thread-safe.
 */
public final class OtaTool {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    public static final int FAILED = 3;

    static final String USAGE_TEXT = String.join("\n",
            "usage: cairn-ota keygen --out DIR [--name NAME]",
            "       cairn-ota sign --private-key FILE --public-key FILE --version X.Y.Z --counter N"
                    + " --minimum-previous X.Y.Z [--rollback yes] PAYLOAD",
            "       cairn-ota release --private-key FILE --public-key FILE --version X.Y.Z --counter N"
                    + " --minimum-previous X.Y.Z [--rollback yes] --out DIR RELEASE_DIR",
            "       cairn-ota verify --public-key FILE --installed X.Y.Z [--installed-counter N] PAYLOAD",
            "       cairn-ota apply --public-key FILE --data DIR --factory DIR [--tries N] [--deadline SECONDS]"
                    + " MANIFEST_URL",
            "       cairn-ota check-release --public-key FILE RELEASE_DIR",
            "keygen writes NAME.key (private, mode 600) and NAME.pub; NAME defaults to cairn-ota.",
            "sign writes PAYLOAD.manifest and PAYLOAD.manifest.sig next to PAYLOAD.",
            "release packs RELEASE_DIR into OUT/cairn-VERSION.zip, signs it, and writes OUT/latest.manifest(.sig).",
            "apply is the device side: download, verify, install into DIR/releases, switch DIR/current (on trial).",
            "exit status: 0 done, 1 bundle refused, 2 wrong command line, 3 key or file problem");

    private final PrintStream out;
    private final PrintStream err;
    private final InstantSource clock;

    public OtaTool(PrintStream out, PrintStream err, InstantSource clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static void main(String[] args) {
        System.exit(new OtaTool(System.out, System.err, InstantSource.system()).run(args));
    }

    public int run(String... args) {
        if (args.length == 0) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "keygen":
                    return keygen(CommandLine.parse(rest, Set.of("out", "name"), 0));
                case "sign":
                    return sign(CommandLine.parse(rest, Set.of("private-key", "public-key", "version", "counter",
                            "minimum-previous", "rollback"), 1));
                case "release":
                    return release(CommandLine.parse(rest, Set.of("private-key", "public-key", "version", "counter",
                            "minimum-previous", "rollback", "out"), 1));
                case "verify":
                    return verify(CommandLine.parse(rest, Set.of("public-key", "installed", "installed-counter"), 1));
                case "apply":
                    return new ApplyCommand(out, err).run(CommandLine.parse(rest,
                            Set.of("public-key", "data", "factory", "tries", "deadline"), 1));
                case "check-release":
                    return checkRelease(CommandLine.parse(rest, Set.of("public-key"), 1));
                case "help":
                case "--help":
                    out.println(USAGE_TEXT);
                    return OK;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("cairn-ota: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        } catch (NoSuchFileException e) {
            err.println("cairn-ota: " + e.getFile() + " does not exist");
            return FAILED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("cairn-ota: " + e.getMessage());
            return FAILED;
        }
    }

    private int keygen(CommandLine cmd) throws UsageException, IOException {
        Path dir = cmd.path("out");
        String name = cmd.option("name", "cairn-ota");
        if (name.isBlank() || name.contains("/")) {
            throw new UsageException("--name must be a plain file name, got '" + name + "'");
        }
        Path privateKey = dir.resolve(name + ".key");
        Path publicKey = dir.resolve(name + ".pub");
        for (Path existing : List.of(privateKey, publicKey)) {
            if (Files.exists(existing)) {
                throw new IOException(existing + " already exists; refusing to overwrite a key");
            }
        }
        Files.createDirectories(dir);
        KeyPair keys = PemKeys.generate();
        PemKeys.writePrivateKey(privateKey, keys.getPrivate());
        PemKeys.writePublicKey(publicKey, keys.getPublic());
        out.println("wrote " + privateKey + " (keep it secret, off the devices) and " + publicKey
                + " (goes on every device); key id " + KeyId.of(keys.getPublic()));
        return OK;
    }

    private int sign(CommandLine cmd) throws UsageException, IOException {
        ReleaseTerms terms = terms(cmd);
        BundleSigner signer = signer(cmd);
        Bundle bundle = signer.sign(cmd.operand(0), terms, List.of(), clock.instant());
        out.println("signed " + bundle.payload() + " as version " + terms.version() + " (counter " + terms.counter()
                + ") with key " + signer.keyId() + ": wrote " + bundle.manifest() + " and " + bundle.signature());
        return OK;
    }

    private int release(CommandLine cmd) throws UsageException, IOException {
        ReleaseTerms terms = terms(cmd);
        BundleSigner signer = signer(cmd);
        Bundle bundle = ReleasePacker.pack(cmd.operand(0), cmd.path("out"), terms, signer, clock.instant());
        out.println("release " + terms.version() + " (counter " + terms.counter() + ", " + Files.size(bundle.payload())
                + " bytes) signed with key " + signer.keyId() + ": wrote " + bundle.payload() + ", its manifest and "
                + "signature, and latest.manifest(.sig) in " + cmd.path("out"));
        return OK;
    }

    private int checkRelease(CommandLine cmd) throws UsageException, IOException {
        var problem = cairn.ota.device.ReleaseCheck.problem(cmd.operand(0), PemKeys.readPublicKey(cmd.path("public-key")));
        if (problem.isPresent()) {
            err.println("BROKEN " + problem.get());
            return REFUSED;
        }
        out.println("OK " + cmd.operand(0));
        return OK;
    }

    private static ReleaseTerms terms(CommandLine cmd) throws UsageException {
        String rollback = cmd.option("rollback", "no");
        if (!rollback.equals("yes") && !rollback.equals("no")) {
            throw new UsageException("--rollback must be yes or no, got '" + rollback + "'");
        }
        return new ReleaseTerms(cmd.version("version"), cmd.number("counter", 1, Long.MAX_VALUE),
                cmd.version("minimum-previous"), rollback.equals("yes"));
    }

    private static BundleSigner signer(CommandLine cmd) throws UsageException, IOException {
        return new BundleSigner(new KeyPair(PemKeys.readPublicKey(cmd.path("public-key")),
                PemKeys.readPrivateKey(cmd.path("private-key"))));
    }

    private int verify(CommandLine cmd) throws UsageException, IOException {
        Installed installed = new Installed(cmd.version("installed"),
                cmd.options().containsKey("installed-counter") ? cmd.number("installed-counter", 0, Long.MAX_VALUE) : 0);
        BundleVerifier verifier = new BundleVerifier(PemKeys.readPublicKey(cmd.path("public-key")));
        try {
            VerifiedBundle verified = verifier.verify(Bundle.besidePayload(cmd.operand(0)), installed);
            Manifest manifest = verified.manifest();
            out.println("OK " + verified.payload() + ": version " + manifest.version() + " ("
                    + manifest.payloadSize() + " bytes, created " + manifest.createdAt() + ", signed by key "
                    + verified.signedBy() + ", counter " + manifest.counter() + ") may replace "
                    + installed.version());
            return OK;
        } catch (BundleRefusedException e) {
            err.println("REFUSED " + e.code() + ": " + e.getMessage());
            return REFUSED;
        }
    }
}
