package cairn.app;

import cairn.config.Redact;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per log record: time, level, thread (the stage), message; secrets scrubbed ({@link Redact}). */
final class LogFormat extends Formatter {
  @Override
  public String format(LogRecord r) {
    StringBuilder sb = new StringBuilder(160)
        .append(Instant.ofEpochMilli(r.getMillis())).append(' ')
        .append(String.format("%-7s", r.getLevel().getName())).append(' ')
        .append(Thread.currentThread().getName()).append(": ")
        .append(formatMessage(r)).append('\n');
    if (r.getThrown() != null) {
      StringWriter w = new StringWriter();
      r.getThrown().printStackTrace(new PrintWriter(w));
      sb.append(w);
    }
    return Redact.text(sb.toString());
  }

  static void install(Level level) {
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler h = new ConsoleHandler();
    h.setFormatter(new LogFormat());
    h.setLevel(level);
    root.addHandler(h);
    root.setLevel(level);
  }
}
