package cairn.bus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A typed channel beside the {@link EventBus}: one kind of value (the box's state for the LEDs),
 * from one publisher to whoever listens, checked by the compiler rather than by a type string.
 *
 * <p>Threading as the event bus: listeners run on the publisher's thread, must be quick, and one
 * that throws is logged while the others still run.
 */
public final class Topic<T> {
  private static final Logger LOG = Logger.getLogger(Topic.class.getName());
  private final String name;
  private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

  public Topic(String name) {
    this.name = name;
  }

  public void subscribe(Consumer<? super T> listener) {
    listeners.add(listener);
  }

  public void publish(T value) {
    for (Consumer<? super T> l : listeners) {
      try {
        l.accept(value);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a listener of " + name + " failed", e);
      }
    }
  }
}
