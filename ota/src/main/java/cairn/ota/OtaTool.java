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
            "       cairn-ota sign --private-key FILE --public-key FILE --version X.Y.Z"
                    + " --minimum-previous X.Y.Z PAYLOAD",
            "       cairn-ota verify --public-key FILE --installed X.Y.Z PAYLOAD",
            "keygen writes NAME.key (private, mode 600) and NAME.pub; NAME defaults to cairn-ota.",
            "sign writes PAYLOAD.manifest and PAYLOAD.manifest.sig next to PAYLOAD.",
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
                    return sign(CommandLine.parse(rest,
                            Set.of("private-key", "public-key", "version", "minimum-previous"), 1));
                case "verify":
                    return verify(CommandLine.parse(rest, Set.of("public-key", "installed"), 1));
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
        Version version = cmd.version("version");
        Version minimumPrevious = cmd.version("minimum-previous");
        KeyPair keys = new KeyPair(PemKeys.readPublicKey(cmd.path("public-key")),
                PemKeys.readPrivateKey(cmd.path("private-key")));
        BundleSigner signer = new BundleSigner(keys);
        Bundle bundle = signer.sign(cmd.operand(0), version, minimumPrevious, clock.instant());
        out.println("signed " + bundle.payload() + " as version " + version + " with key " + signer.keyId()
                + ": wrote " + bundle.manifest() + " and " + bundle.signature());
        return OK;
    }

    private int verify(CommandLine cmd) throws UsageException, IOException {
        Version installed = cmd.version("installed");
        BundleVerifier verifier = new BundleVerifier(PemKeys.readPublicKey(cmd.path("public-key")));
        try {
            VerifiedBundle verified = verifier.verify(Bundle.besidePayload(cmd.operand(0)), installed);
            Manifest manifest = verified.manifest();
            out.println("OK " + verified.payload() + ": version " + manifest.version() + " ("
                    + manifest.payloadSize() + " bytes, created " + manifest.createdAt() + ", signed by key "
                    + verified.signedBy() + ") may replace " + installed);
            return OK;
        } catch (BundleRefusedException e) {
            err.println("REFUSED " + e.code() + ": " + e.getMessage());
            return REFUSED;
        }
    }
}
