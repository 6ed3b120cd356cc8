package cairn.lab;

import cairn.lab.codecbench.CodecBenchCommand;
import cairn.lab.encodebench.EncodeBenchCommand;
import cairn.lab.link.LinkCommand;
import cairn.lab.mqttbytes.MqttBytesCommand;
import cairn.lab.rig.ChildCleanup;
import cairn.lab.scenario.ScenarioCommand;
import cairn.lab.scenario.ViewCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code test-rig/lab}: dispatches to a subcommand. Exit codes: 0 success,
 * 1 the subcommand failed, 2 bad command line (one line on stderr).
 */
public final class Lab {

    private static final List<Subcommand> SUBCOMMANDS = List.of(new CodecBenchCommand(), new EncodeBenchCommand(),
            new LinkCommand(), new ScenarioCommand(), new ViewCommand(), new MqttBytesCommand(),
            new cairn.lab.ratesim.RateSimCommand(), new cairn.lab.restartbench.RestartBenchCommand());

    private Lab() {}

    public static void main(String[] args) {
        ChildCleanup.installOnExit();
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return 2;
        }
        if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return 0;
        }
        Subcommand subcommand = SUBCOMMANDS.stream().filter(s -> s.name().equals(args[0])).findFirst().orElse(null);
        if (subcommand == null) {
            err.println("lab: unknown subcommand '" + args[0] + "' (known: " + names() + "; see lab --help)");
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(subcommand.usage());
            return 0;
        }
        try {
            return subcommand.run(rest, out, err);
        } catch (UsageException e) {
            err.println("lab " + subcommand.name() + ": " + e.getMessage() + " (see lab " + subcommand.name() + " --help)");
            return 2;
        }
    }

    private static String names() {
        return String.join(", ", SUBCOMMANDS.stream().map(Subcommand::name).toList());
    }

    private static String usage() {
        StringBuilder text = new StringBuilder("usage: test-rig/lab SUBCOMMAND [FLAGS...]\n\nsubcommands:\n");
        for (Subcommand s : SUBCOMMANDS) {
            text.append(String.format("  %-14s %s%n", s.name(), s.summary()));
        }
        text.append("\nRun 'test-rig/lab SUBCOMMAND --help' for its flags.\n");
        return text.toString();
    }
}
