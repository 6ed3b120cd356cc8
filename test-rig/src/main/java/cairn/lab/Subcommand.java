package cairn.lab;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code test-rig/lab} subcommand. {@link #run} returns the process exit code (0 success,
 * 1 failure) and throws {@link UsageException} for a bad command line; it writes results to
 * {@code out} and progress and errors to {@code err}.
 */
public interface Subcommand {

    String name();

    /** One line for {@code lab --help}. */
    String summary();

    /** The full usage text for {@code lab NAME --help}. */
    String usage();

    int run(List<String> args, PrintStream out, PrintStream err) throws UsageException;
}
