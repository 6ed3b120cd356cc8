package cairn.hardware.modem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in for {@code /usr/bin/mmcli}: a shell script that prints real mmcli JSON (from test resources), or
 * whatever else a test sets, for the general call, {@code --signal-get} and {@code --signal-setup}, and logs each
 * call's arguments.
 */
final class StubMmcli {
    private final Path dir;
    private String general;
    private String signalGet;
    private String signalSetup = "echo 'successfully setup signal quality information'";

    StubMmcli(Path dir) {
        this.dir = dir;
        general = printResource("ec25-lte.json");
        signalGet = printResource("signal-lte.json");
    }

    /** Shell commands run for {@code mmcli -m any --output-json}. */
    StubMmcli general(String shell) {
        general = shell;
        return this;
    }

    StubMmcli signalGet(String shell) {
        signalGet = shell;
        return this;
    }

    StubMmcli signalSetup(String shell) {
        signalSetup = shell;
        return this;
    }

    /** A shell command that prints a file of test resources/cairn/hardware/modem/mmcli. */
    String printResource(String name) {
        return printText(name, resourceText(name));
    }

    /** A shell command that prints {@code text}, kept in a file called {@code name}. */
    String printText(String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "cat '" + file + "'";
    }

    String resourceText(String name) {
        try (InputStream in = StubMmcli.class.getResourceAsStream("mmcli/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path install() throws IOException {
        Path script = dir.resolve("mmcli");
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "printf '%s\\n' \"$*\" >> '" + log() + "'",
                "case \"$*\" in",
                "  *--signal-setup*) " + signalSetup + " ;;",
                "  *--signal-get*) " + signalGet + " ;;",
                "  *) " + general + " ;;",
                "esac",
                ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    List<String> calls() throws IOException {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    private Path log() {
        return dir.resolve("calls.log");
    }
}
