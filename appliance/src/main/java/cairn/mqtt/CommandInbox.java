package cairn.mqtt;

import java.io.IOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns each message on {@code …/cmd} into at most one reply per id, and runs each command at most
 * once, across reconnects and reboots:
 *
 * <pre>
 *   payload ─▶ parse ─▶ id seen before? ─▶ signed (if a key is set)? ─▶ not expired? ─▶ mark started
 *                 │           │ answered: drop, no reply     │               │          ─▶ run the action
 *                 │           │ started, not answered:       │               │          ─▶ reply to the outbox
 *                 │           │   "interrupted by a restart" │               │          ─▶ mark answered
 *                 └───────────┴──────────────────────────────┴───────────────┴─▶ ok:false + one sentence
 * </pre>
 *
 * The reply is in the outbox (on disk) before the id is marked answered, and at start every reply
 * still in the outbox marks its id answered ({@link #reconcile}), so a power cut between the two
 * cannot lead to a second answer. A payload without a readable id is logged and dropped: there is
 * nobody to answer.
 *
 * <p>Threading: {@link #handle} on the MQTT command thread, one payload at a time.
 */
final class CommandInbox {
  private static final Logger LOG = Logger.getLogger(CommandInbox.class.getName());

  private final Commands commands;
  private final AnsweredIds answered;
  private final Outbox outbox;
  private final Topics topics;
  private final Optional<String> hmacKey;
  private final InstantSource clock;
  private final BooleanSupplier clockSynced;
  private final Runnable sent;
  private long unreadable;

  /** @param sent called after a reply is in the outbox (to send it) */
  CommandInbox(Commands commands, AnsweredIds answered, Outbox outbox, Topics topics, Optional<String> hmacKey,
      InstantSource clock, BooleanSupplier clockSynced, Runnable sent) {
    this.commands = commands;
    this.answered = answered;
    this.outbox = outbox;
    this.topics = topics;
    this.hmacKey = hmacKey;
    this.clock = clock;
    this.clockSynced = clockSynced;
    this.sent = sent;
  }

  /** Marks the ids of replies still waiting in the outbox as answered; call before the first {@link #handle}. */
  void reconcile() throws IOException {
    for (String id : outbox.commandIds()) {
      answered.done(id);
    }
  }

  /** @return what happens after the reply is out (a reboot), if anything */
  Optional<Runnable> handle(byte[] payload) throws IOException {
    CommandParser.Parsed parsed = CommandParser.parse(payload);
    if (parsed instanceof CommandParser.Invalid bad) {
      if (bad.id().isEmpty()) {
        unreadable++;
        Level level = unreadable <= 10 || unreadable % 1000 == 0 ? Level.WARNING : Level.FINE;
        LOG.log(level, "mqtt: dropped a command without a readable id (" + bad.reason() + "); " + unreadable
            + " so far");
        return Optional.empty();
      }
      if (!firstTime(bad.id().get())) {
        return Optional.empty();
      }
      reply(Reply.refused(bad.id().get(), bad.reason()));
      return Optional.empty();
    }
    Command c = ((CommandParser.Valid) parsed).command();
    if (!firstTime(c.id())) {
      return Optional.empty();
    }
    Optional<String> refusal = refusal(c);
    if (refusal.isPresent()) {
      LOG.info("mqtt: command " + CommandParser.clip(c.id()) + " (" + CommandParser.clip(c.action()) + ") refused: "
          + refusal.get());
      reply(Reply.refused(c.id(), refusal.get()));
      return Optional.empty();
    }
    answered.started(c.id());
    Reply r;
    Optional<Runnable> after = Optional.empty();
    try {
      Commands.Outcome o = commands.run(c);
      r = Reply.ok(c.id(), o.result());
      after = o.afterReply();
    } catch (CommandRefused e) {
      r = Reply.refused(c.id(), e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "mqtt: command " + c.action() + " failed", e);
      r = Reply.refused(c.id(), c.action() + " failed: " + e.getMessage());
    }
    LOG.info("mqtt: command " + CommandParser.clip(c.id()) + " (" + c.action() + ") "
        + (r.ok() ? "done" : "refused: " + r.error()));
    reply(r);
    return after;
  }

  /** False for an id answered before; for one started but never answered, answers that now. */
  private boolean firstTime(String id) throws IOException {
    Optional<AnsweredIds.State> s = answered.state(id);
    if (s.isEmpty()) {
      return true;
    }
    if (s.get() == AnsweredIds.State.STARTED) {
      reply(Reply.refused(id, "interrupted by a restart before it finished; not run again"));
    } else {
      LOG.fine(() -> "mqtt: command " + CommandParser.clip(id) + " delivered again; answered before");
    }
    return false;
  }

  private Optional<String> refusal(Command c) {
    if (hmacKey.isPresent()) {
      if (c.sig().isEmpty()) {
        return Optional.of("this box runs only signed commands, and this one has no sig");
      }
      if (!CommandSignature.verify(hmacKey.get(), c)) {
        return Optional.of("bad signature: not signed with this box's key, or changed on the way");
      }
      if (c.expires().isEmpty()) {
        return Optional.of("a signed command must say when it expires");
      }
    }
    if (c.expires().isPresent()) {
      Instant expires = CommandParser.parseTime(c.expires().get()).orElseThrow();
      if (!clockSynced.getAsBoolean()) {
        return Optional.of("the box's clock is not set yet, so it cannot tell whether the command has expired");
      }
      Instant now = clock.instant();
      if (!now.isBefore(expires)) {
        return Optional.of("expired at " + c.expires().get() + " (box time " + now.truncatedTo(
            java.time.temporal.ChronoUnit.SECONDS) + "); not run");
      }
    }
    if (!Commands.ACTIONS.contains(c.action())) {
      return Optional.of("unknown action '" + CommandParser.clip(c.action()) + "'; known: "
          + String.join(", ", Commands.ACTIONS));
    }
    return Optional.empty();
  }

  private void reply(Reply r) throws IOException {
    outbox.add(topics.cmdResult(), r.toJson(), false, null, r.id());
    answered.done(r.id());
    sent.run();
  }
}
