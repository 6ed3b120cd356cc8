package cairn.app;

import cairn.config.CairnConfig;
import cairn.config.ConfigException;
import cairn.config.ConfigLoader;
import cairn.config.ConfigPrinter;
import cairn.config.Redact;
import cairn.config.RemoteOverrides;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * {@code cairn [--config FILE] [--set KEY=VALUE]… [--print-config]}: runs the firmware until
 * SIGTERM or SIGINT. Exit codes: 0 after a clean stop, 1 for a failure Cairn did not expect, 2 for a bad
 * command line or config (no enabled camera included), {@link StartFailure#STORAGE} when storage.dir
 * cannot hold the spool, {@link StartFailure#IN_USE} when another Cairn runs on it. Every start-up
 * failure is one line on stderr, never a stack trace and never exit 0.
 * {@code cairn --check-config FILE [--set KEY=VALUE]…} only validates (the SD-card image's boot
 * service runs it on {@code cairn.conf}): exit 0, or 2 with the config error on stderr.
 */
public final class Main {
  private static final String USAGE = """
      usage: cairn [--config FILE] [--set KEY=VALUE]... [--print-config]
             cairn --check-config FILE [--set KEY=VALUE]...
        --config FILE     the config file (default: built-in defaults: a test-pattern camera, local spool)
        --check-config FILE  validate FILE with the --set overrides, print ok or the error, exit 0 or 2
        --set KEY=VALUE   override one key by its dotted path, e.g. --set storage.quota=1GiB
        --print-config    print the effective config, with every key explained, and exit
        --config-error-leds  only show the config error on the status LEDs (ERROR: code 1), until stopped
        --verbose         log details""";

  /** What the shutdown hook exits with once everything is stopped; 0 unless start failed. */
  private static volatile int exitCode;

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("java.util.logging.manager", KeepLogsAtShutdown.class.getName());
    Optional<Path> file = Optional.empty();
    List<String> sets = new ArrayList<>();
    boolean print = false;
    boolean check = false;
    boolean verbose = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--config" -> file = Optional.of(Path.of(value(args, ++i, "--config")));
        case "--set" -> sets.add(value(args, ++i, "--set"));
        case "--print-config" -> print = true;
        case "--check-config" -> {
          file = Optional.of(Path.of(value(args, ++i, "--check-config")));
          check = true;
        }
        case "--verbose" -> verbose = true;
        case "--config-error-leds" -> {
          LogFormat.install(Level.INFO);
          ConfigErrorLeds.runUntilStopped();
          return;
        }
        case "--help", "-h" -> {
          System.out.println(USAGE);
          return;
        }
        default -> fail("unknown option " + args[i]);
      }
    }
    CairnConfig config;
    try {
      // The settings changed over MQTT (DATA/remote.conf) apply after the config file, before --set.
      Consumer<String> warn = w -> System.err.println("cairn: " + w);
      if (check) {
        // The file and the command line only: remote.conf is the running box's business.
        ConfigLoader.load(file, sets);
        System.out.println(file.get() + ": ok");
        return;
      }
      config = print ? null : RemoteOverrides.load(file, sets, warn);
      if (print) {
        System.out.print(ConfigPrinter.print(RemoteOverrides.values(file, sets, warn)));
        return;
      }
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    LogFormat.install(verbose ? Level.FINE : Level.INFO);
    Appliance appliance = new Appliance(config, new RemoteOverrides(file, sets, config.storage().dir()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int code = exitCode;
      try {
        appliance.stop();
      } catch (RuntimeException | Error e) {
        java.util.logging.Logger.getLogger(Main.class.getName()).log(Level.SEVERE, "stop failed", e);
        code = 1;
      }
      // Everything is closed: a stop asked for by SIGTERM is a success (0), not the JVM's 143.
      Runtime.getRuntime().halt(code);
    }, "shutdown"));
    try {
      appliance.start();
    } catch (StartFailure e) {
      exitWith(e.exitCode(), e.getMessage());
    } catch (IOException e) {
      exitWith(1, "cairn: could not start: " + Redact.text(String.valueOf(e.getMessage())));
    } catch (RuntimeException | Error e) {
      // The shutdown hook would otherwise end an uncaught failure with its clean-stop code 0.
      exitWith(1, "cairn: could not start: " + Redact.text(e.toString()));
    }
    while (!appliance.allEnded()) {
      Thread.sleep(500);
    }
    System.exit(0);
  }

  /** Exits through the shutdown hook (which stops what did start) with {@code code}, never 0. */
  private static void exitWith(int code, String line) {
    System.err.println(line);
    exitCode = code;
    System.exit(code);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      fail(option + " needs a value");
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("cairn: " + message);
    System.err.println(USAGE);
    System.exit(2);
  }
}
