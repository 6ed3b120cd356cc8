package cairn.ota;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The options ({@code --name value}) and operands of one sub-command, checked against what it accepts. */
final class CommandLine {
    private final Map<String, String> options;
    private final List<String> operands;

    private CommandLine(Map<String, String> options, List<String> operands) {
        this.options = options;
        this.operands = operands;
    }

    static CommandLine parse(List<String> args, Set<String> allowedOptions, int operandCount) throws UsageException {
        Map<String, String> options = new HashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                operands.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (!allowedOptions.contains(name)) {
                throw new UsageException("unknown option " + arg);
            }
            if (i + 1 == args.size()) {
                throw new UsageException("option " + arg + " needs a value");
            }
            if (options.put(name, args.get(++i)) != null) {
                throw new UsageException("option " + arg + " is given twice");
            }
        }
        if (operands.size() != operandCount) {
            throw new UsageException("expected " + operandCount + " file argument(s), got " + operands.size());
        }
        return new CommandLine(options, operands);
    }

    String option(String name) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("option --" + name + " is required");
        }
        return value;
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    Path path(String name) throws UsageException {
        return Path.of(option(name));
    }

    Version version(String name) throws UsageException {
        try {
            return Version.parse(name, option(name));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    Map<String, String> options() {
        return options;
    }

    long number(String name, long min, long max) throws UsageException {
        String text = option(name);
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + ", got '" + text
                + "'");
    }

    /** As typed: an address must not go through Path, which folds "//" into "/". */
    String operandText(int index) {
        return operands.get(index);
    }

    Path operand(int index) {
        return Path.of(operands.get(index));
    }
}
