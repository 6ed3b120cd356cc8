package cairn.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Holds the events published before their listener exists (a camera lost at start fires before
 * MQTT is up) and hands them over, in order, when it attaches; after that it passes each one on.
 * Bounded: beyond {@link #CAPACITY} the newest are not held. Any thread.
 */
public final class HeldEvents implements Consumer<Event> {
  static final int CAPACITY = 256;
  private final List<Event> held = new ArrayList<>();
  private Consumer<Event> target;

  @Override
  public synchronized void accept(Event e) {
    if (target != null) {
      target.accept(e);
    } else if (held.size() < CAPACITY) {
      held.add(e);
    }
  }

  /** Delivers what was held to {@code listener}, then every later event. */
  public synchronized void attach(Consumer<Event> listener) {
    held.forEach(listener);
    held.clear();
    target = listener;
  }
}
